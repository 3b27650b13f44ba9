"""Run a whole input through the scorer: chunk by chunk, one output line per input line.

Memory stays constant: at most one chunk of lines is held at a time, whatever the input's size.
A line that cannot be assessed gives ``{"line": N, "error": "..."}`` in its place and the run goes
on. Records with ``text`` are read by ``twitchcheck.text`` (its batch function when it has one,
else one text at a time); when that package is not installed, such a record is an error line.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import islice
from typing import Any

from twitchcheck.assessment.result import DETAILS, Detail
from twitchcheck.engine.evidence import Evidence, Patient
from twitchcheck.errors import InputError, InvalidValueError
from twitchcheck.interop.terms import TermReading, needs_ontology, read_terms
from twitchcheck.jsonout import with_key
from twitchcheck.knowledge.model import KnowledgeBase

from .records import Record, error_line, parse_record
from .scorer import Prepared, Scorer, assess_bytes

CHUNK = 2048

#: ``(kb, texts) → one parse result or InputError per text`` (results have ``.evidence``, and
#: ``.age`` / ``.sex`` when the text gives them).
TextReader = Callable[[KnowledgeBase, Sequence[str]], list[Any]]


@dataclass(slots=True)
class Summary:
    """What a run did: lines read, lines assessed, lines that gave an error."""

    lines: int = 0
    assessed: int = 0
    failed: int = 0


def text_reader() -> TextReader | None:
    """``twitchcheck.text`` as a :data:`TextReader`, or ``None`` when it is not installed.

    Uses the package's batch function ``parse_many(kb, texts)`` when it has one (results or
    ``InputError`` per text, in order), else ``parse(kb, text)`` for each text.
    """
    try:
        module = importlib.import_module("twitchcheck.text")
    except ImportError:
        return None
    many: TextReader | None = getattr(module, "parse_many", None)
    if many is not None:
        return many
    parse: Callable[[KnowledgeBase, str], Any] | None = getattr(module, "parse", None)
    if parse is None:
        return None

    def read(kb: KnowledgeBase, texts: Sequence[str]) -> list[Any]:
        out: list[Any] = []
        for text in texts:
            try:
                out.append(parse(kb, text))
            except InputError as exc:
                out.append(exc)
        return out

    return read


def _text_merge() -> Callable[
    [KnowledgeBase, Sequence[Evidence], Iterable[Evidence]], list[Evidence]
]:
    """``twitchcheck.text.merge_evidence`` (explicit evidence wins), or plain concatenation."""
    try:
        module = importlib.import_module("twitchcheck.text")
    except ImportError:
        module = None
    merge = getattr(module, "merge_evidence", None)
    if merge is not None:
        return merge  # type: ignore[no-any-return]

    def concatenate(
        kb: KnowledgeBase, explicit: Sequence[Evidence], found: Iterable[Evidence]
    ) -> list[Evidence]:
        return [*explicit, *found]

    return concatenate


class _Missing:
    """Stands in for the text reader when ``twitchcheck.text`` is not installed."""


_NOT_LOADED = _Missing()


class BatchRun:
    """Assess lines in chunks with one compiled :class:`Scorer`.

    ``detail`` is the shape of each result line: ``summary`` (the default: triage, the first
    causes, next steps, reassurance) or ``full`` (the ``assess --json`` contract, every cause
    with its terms for and against).
    """

    def __init__(
        self,
        kb: KnowledgeBase,
        *,
        chunk_size: int = CHUNK,
        texts: TextReader | _Missing | None = _NOT_LOADED,
        detail: Detail = "summary",
    ) -> None:
        if chunk_size < 1:
            raise InvalidValueError("chunk_size must be at least 1")
        if detail not in DETAILS:
            raise InvalidValueError(f"detail must be one of {', '.join(DETAILS)}")
        self.kb = kb
        self.detail = detail
        self.scorer = Scorer(kb)
        self.chunk_size = chunk_size
        self._texts = texts
        self._merge: (
            Callable[[KnowledgeBase, Sequence[Evidence], Iterable[Evidence]], list[Evidence]] | None
        ) = None

    def _reader(self) -> TextReader | None:
        if isinstance(self._texts, _Missing):
            self._texts = text_reader()
        return self._texts

    def run(
        self,
        lines: Iterable[str | bytes],
        write: Callable[[bytes], object],
        progress: Callable[[int, int], object] | None = None,
    ) -> Summary:
        """Assess every line; ``write`` gets one result line per input line: compact JSON in
        UTF-8, without the newline.

        Lines may be ``str`` or UTF-8 ``bytes`` (a trailing newline is ignored);
        ``progress(lines_done, size_done)`` is called after each chunk, the size in characters or
        bytes as given.
        """
        summary = Summary()
        chars = 0
        source = iter(lines)
        while chunk := list(islice(source, self.chunk_size)):
            for out, ok in self.chunk(chunk, summary.lines + 1):
                write(out)
                if ok:
                    summary.assessed += 1
                else:
                    summary.failed += 1
            summary.lines += len(chunk)
            chars += sum(len(line) for line in chunk)
            if progress is not None:
                progress(summary.lines, chars)
        return summary

    def chunk(self, lines: Sequence[str | bytes], first_line: int) -> Iterator[tuple[bytes, bool]]:
        """The output of consecutive input lines (the first is line ``first_line``), in order:
        each result line and whether it was assessed (``False``: an error line).

        The chunk is scored at once; its results are written out one at a time as they are
        yielded, so only one result is held in memory.
        """
        errors: dict[int, bytes] = {}
        records: list[tuple[int, Record]] = []
        terms: dict[int, TermReading] = {}
        for i, line in enumerate(lines):
            try:
                record = parse_record(line)
                if needs_ontology(self.kb, record.evidence):  # HPO terms beyond the kb's codes
                    terms[i] = read_terms(self.kb, record.evidence)
                    record = replace(record, evidence=terms[i].evidence)
                records.append((i, record))
            except InputError as exc:
                errors[i] = error_line(first_line + i, exc)
        ready: list[Prepared] = []
        # Records with HPO terms for the disease-annotation channel, which the scorer's tables do
        # not hold, are assessed one by one (``assess()`` itself, the same bytes).
        alone: dict[int, bytes] = {}
        for i, patient, evidence in self._with_text(records, errors, first_line):
            queries = terms[i].queries if i in terms else ()
            try:
                if queries:
                    alone[i] = assess_bytes(self.kb, patient, evidence, self.detail, queries)[0]
                else:
                    ready.append(self.scorer.prepare(patient, evidence))
            except InputError as exc:
                errors[i] = error_line(first_line + i, exc)
        results = self.scorer.iter_results(ready, self.detail)
        for i in range(len(lines)):
            error = errors.get(i)
            if error is not None:
                yield error, False
                continue
            out = alone[i] if i in alone else next(results)
            if i in terms:  # how each HPO term was read, and those not used
                out = with_key(out, "hpo_terms", terms[i].to_dict())
            yield out, True

    def _with_text(
        self, records: list[tuple[int, Record]], errors: dict[int, bytes], first_line: int
    ) -> Iterator[tuple[int, Patient, Sequence[Evidence]]]:
        """Each record's patient and evidence, with what its text says (explicit values win)."""
        with_text = [(i, r) for i, r in records if r.text is not None]
        parsed: dict[int, Any] = {}
        if with_text:
            reader = self._reader()
            if reader is None:
                for i, _ in with_text:
                    errors[i] = error_line(
                        first_line + i,
                        "this record has text, but twitchcheck.text is not installed",
                    )
            else:
                results = reader(self.kb, [r.text or "" for _, r in with_text])
                for (i, _), result in zip(with_text, results, strict=True):
                    if isinstance(result, InputError):
                        errors[i] = error_line(first_line + i, result)
                    else:
                        parsed[i] = result
        for i, record in records:
            if record.text is None:
                yield i, record.patient, record.evidence
            elif i in parsed:
                yield i, *self._merged(record, parsed[i])

    def _merged(self, record: Record, result: Any) -> tuple[Patient, list[Evidence]]:
        """The record's own evidence, age and sex, with what its text adds (the record wins)."""
        found: Iterable[Evidence] = result.evidence
        if self._merge is None:
            self._merge = _text_merge()
        evidence = self._merge(self.kb, record.evidence, found)
        patient = record.patient
        age = patient.age if patient.age is not None else getattr(result, "age", None)
        sex = patient.sex if patient.sex is not None else getattr(result, "sex", None)
        if (age, sex) != (patient.age, patient.sex):
            patient = Patient(age=age, sex=sex)
        return patient, evidence
