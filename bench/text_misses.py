"""The development parts' misreadings, by class, with each message's text and what was read.

``python -m bench.text_misses [--only KIND]`` prints, for the red-flag development part, red flags
missed or read absent / unknown, false findings (extras and wrong states), and findings of someone
else counted for the person; ``--general`` adds the general development part's errors. Never the
kept-aside parts. Scoring is ``bench.text``'s (hierarchy-aware agreement).
"""

from __future__ import annotations

import argparse

from bench.text import ROOT, read_and_wanted
from tests.corpus.corpus import load_corpus, load_redflags
from twitchcheck import load_knowledge


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", choices=["flag", "fp", "other", "state", "missed"], default=None)
    ap.add_argument("--general", action="store_true")
    args = ap.parse_args(argv)
    kb = load_knowledge(ROOT / "kb")
    parts = [load_redflags()["redflags_development"]]
    if args.general:
        parts.append(load_corpus()["development"])
    for part in parts:
        for msg in part.messages:
            _, got, want = read_and_wanted(kb, msg.text, dict(msg.findings), part.today)
            errs: list[tuple[str, str]] = []
            for fid, state in want.items():
                red = state == "present" and kb.findings[fid].red_flag
                if red and got.get(fid) != "present":
                    errs.append(("flag", f"RED {fid} read {got.get(fid) or 'not at all'}"))
                elif fid not in got:
                    errs.append(("missed", f"missed {fid} {state}"))
                elif got[fid] != state:
                    errs.append(("state", f"{fid} {got[fid]} (gold {state})"))
            for fid in sorted(set(got) - set(want)):
                if fid in msg.others:
                    errs.append(("other", f"OTHER {fid} counted ({got[fid]})"))
                else:
                    errs.append(("fp", f"extra {fid} {got[fid]}"))
            errs = [e for e in errs if args.only is None or e[0] == args.only]
            if errs:
                print(f"{msg.id}: {msg.text}")
                for _, e in errs:
                    print(f"    {e}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
