"""`talkdeck lint`: the quality gate a coordinator runs before a talk ships.

Every talk is tailored for every age, region and language it can be built for, and each deck is
checked against the rules in :data:`RULES` (the per-slide rules live in
:mod:`talkdeck.coordinate.lint_rules`). A problem found in many decks is reported once, at the
line to edit, with the languages, ages and regions it affects. Nothing is written; python-pptx
is only used to read the template's boxes.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from talkdeck.coordinate.findings import (  # noqa: F401  (re-exported: lint's vocabulary)
    RULES,
    Collector,
    Context,
    Finding,
    months_before,
)
from talkdeck.coordinate.targets import Named, named
from talkdeck.errors import ContentError
from talkdeck.library.load import Library
from talkdeck.library.locate import REGIONS
from talkdeck.library.references import _span
from talkdeck.workspace import Workspace


@dataclass
class Report:
    """What lint found, and over what."""

    findings: list[Finding]
    talks: list[str]
    regions: list[str]
    strict: bool = False
    decks: int = 0
    scope: dict[str, tuple[set[str], set[int], set[str]]] = field(default_factory=dict)
    """Per talk: the languages, ages and regions it was linted for (to say "all")."""

    def severity(self, finding: Finding) -> str:
        if self.strict and finding.severity == "warning":
            return "error"
        return finding.severity

    @property
    def errors(self) -> int:
        return sum(self.severity(f) == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(self.severity(f) == "warning" for f in self.findings)

    @property
    def advice(self) -> int:
        return sum(self.severity(f) == "advice" for f in self.findings)

    @property
    def notices(self) -> int:
        return sum(self.severity(f) == "notice" for f in self.findings)

    @property
    def ok(self) -> bool:
        return self.errors == 0


def _select(lib: Library, chosen: Named) -> tuple[list[str], list[str]]:
    """Talks and regions to lint: those named by PATHs (which must be in the library), or all."""
    stems = {Path(p).stem.lower() for p in chosen.regions}
    regions = [c for c in sorted(lib.regions) if c.lower() in stems]
    return (chosen.talks or lib.talk_ids()), (regions or sorted(lib.regions))


def lint(
    library: str | Path | None,
    paths: Iterable[str] = (),
    *,
    today: dt.date | None = None,
    max_age_months: int = 12,
    strict: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
) -> Report:
    """Lint the library (or the talks and regions named by ``paths``). Reads files only.

    ``today`` is when verification dates are judged from (default: the system date);
    ``progress(talk_id, number, total)`` is called as each talk's decks start.
    """
    from talkdeck.coordinate import content_rules, library_rules
    from talkdeck.coordinate import lint_rules as lintrules

    out = Collector()
    ws = Workspace(library, strict=True, use_cache=False)
    chosen = named(ws.root, list(paths))  # outside the library: a usage error, before loading
    try:
        lib = ws.lib
    except ContentError as exc:  # nothing can be tailored; report what stops it, and the talks
        from talkdeck.coordinate.inventory import all_problems

        out.problems(all_problems(ws.root, chosen.talks or ws.talk_ids(), exc.problems))
        return _report(out, [], [], strict)
    talk_ids, regions = _select(lib, chosen)
    library_rules.stale(out, lib, regions, today or dt.date.today(), max_age_months)
    library_rules.contrast(out, lib)
    _, vocab_problems = content_rules.vocabulary(lib)
    out.problems(vocab_problems)
    content_rules.check_facts(out, lib)
    report = _report(out, [], regions, strict)
    for number, talk_id in enumerate(talk_ids, start=1):
        if progress is not None:
            progress(talk_id, number, len(talk_ids))
        try:
            talk, doc = ws.talk(talk_id)
        except ContentError as exc:
            out.problems(exc.problems)
            continue
        report.talks.append(talk.id)
        content_rules.check_talk(out, talk, doc)
        report.decks += lintrules.lint_talk(out, ws, talk_id, regions)
        report.scope[doc.path] = (set(talk.languages), set(talk.ages.ages), set(regions))
    report.findings = sorted(out.found.values(), key=lambda f: (f.path, f.line, f.rule, f.message))
    return report


def _report(out: Collector, talks: list[str], regions: list[str], strict: bool) -> Report:
    findings = sorted(out.found.values(), key=lambda f: (f.path, f.line, f.rule, f.message))
    return Report(findings, talks, regions, strict)


def where(report: Report, finding: Finding) -> str:
    """'en; ages 11-12; regions CO, MX' for the decks a finding was seen in ('' if all)."""
    if not finding.contexts:
        return ""
    langs = sorted({c.lang for c in finding.contexts})
    ages = {c.age for c in finding.contexts}
    regions = sorted({c.region for c in finding.contexts})
    # A talk's findings are judged against that talk; shared files against every talk.
    scopes = (
        [report.scope[finding.path]]
        if finding.path in report.scope
        else list(report.scope.values())
    )
    all_langs = set().union(*(s[0] for s in scopes))
    all_ages = set().union(*(s[1] for s in scopes))
    parts = []
    if set(langs) != all_langs:
        parts.append("/".join(langs))
    if ages != all_ages:
        parts.append(f"ages {_span(ages)}")
    if set(regions) != set(report.regions) and not finding.path.startswith(f"{REGIONS}/"):
        parts.append(f"region{'s' if len(regions) > 1 else ''} {', '.join(regions)}")
    return "; ".join(parts)


def format_text(report: Report) -> list[str]:
    """`path:line: rule: message` lines, then a summary line."""
    lines = []
    for f in report.findings:
        context = where(report, f)
        tail = f" [{context}]" if context else ""
        severity = report.severity(f)
        kind = f" ({severity})" if severity in ("warning", "advice", "notice") else ""
        lines.append(f"{f.path}:{f.line}: {f.rule}: {f.message}{tail}{kind}")
    lines.append(summary(report))
    return lines


def summary(report: Report) -> str:
    e, w = report.errors, report.warnings
    a = f", {report.advice} advice" if report.advice else ""
    n = report.notices
    a += f", {n} notice{'s' * (n != 1)}" if n else ""
    counts = f"{e} error{'s' * (e != 1)}, {w} warning{'s' * (w != 1)}{a}"
    scope = (
        f"{len(report.talks)} talk{'s' * (len(report.talks) != 1)}, {report.decks} decks "
        f"({len(report.regions)} region{'s' * (len(report.regions) != 1)})"
    )
    verdict = "ok" if report.ok else "failed"
    strict = " (--strict: warnings count as errors)" if report.strict else ""
    return f"lint {verdict}: {counts} in {scope}{strict}"


def format_json(report: Report) -> str:
    findings = []
    for f in report.findings:
        findings.append(
            {
                "path": f.path,
                "line": f.line,
                "rule": f.rule,
                "severity": report.severity(f),
                "message": f.message,
                "languages": sorted({c.lang for c in f.contexts}),
                "ages": sorted({c.age for c in f.contexts}),
                "regions": sorted({c.region for c in f.contexts}),
            }
        )
    return json.dumps(
        {
            "ok": report.ok,
            "strict": report.strict,
            "errors": report.errors,
            "warnings": report.warnings,
            "advice": report.advice,
            "notices": report.notices,
            "talks": report.talks,
            "regions": report.regions,
            "decks": report.decks,
            "findings": findings,
            "rules": {name: {"severity": sev, "what": what} for name, (sev, what) in RULES.items()},
        },
        indent=2,
        ensure_ascii=False,
    )
