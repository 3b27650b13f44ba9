"""Find the lexicon's phrases in a tokenised message.

An entry matches when every key occurs in one sentence within a short window, in any order ("calf
twitching" finds "twitching in my left calf"). A site ("thigh") also needs a twitch word near it in
the same clause, with no other finding's words in between ("my calves cramp and my arms twitch"
finds the arms, not the calves). When matches compete for the same words, the one that explains
more words wins ("slurred speech" over "speech"); matches that merely share a word both stand
("calves and forearms twitch" is two findings).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import pairwise, product
from typing import TYPE_CHECKING

from .lexicon import Entry, Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc

NEGATION_REACH = 3  # a negation in a phrase governs a word at most this many tokens after it
# a negated ability is of the next word of its phrase, perhaps after words that are no keys
# ("can't *go to the* toilet", "can't *do* up my buttons"): at most this many other words between
VERB_REACH = 0
SITE_REACH = 10  # at most this many words between a site and its twitch word
MAX_COMBINATIONS = 512  # bound on the position choices tried for one entry in one sentence


@dataclass(frozen=True, slots=True)
class Match:
    """One entry found in the text.

    Attributes:
        entry: the lexicon entry.
        start, end: token span covering the matched words (end exclusive), twitch word included.
        keys: token indices of the entry's keys (for a site: with its twitch word).
        core: the token span ConText reads as the target: the matched words without a leading
            or trailing "soft" word ("trouble swallowing" → "swallowing"), so that "no trouble"
            stays a modifier of it.
        inner_negation: a negation word that is not part of the phrase stands between its words
            ("my legs aren't weak", "urine isn't dark"): ConText cannot see it (it overlaps the
            match), so the match is negated here. A negated ability ("my legs can't hold me")
            is not a negation (see ``ability``).
    """

    entry: Entry
    start: int
    end: int
    keys: frozenset[int]
    core: tuple[int, int]
    inner_negation: bool = False
    unlike: int = 0  # keys of difficulty written otherwise than the text says it (see Entry)


# Words that join two items of a list: an ordered phrase's keys ("back of my arm") never lie on
# both sides of one ("my back and arms")
_JOINS = frozenset({"and", "or", "&", "/", "plus"})


def _window_limit(n_keys: int) -> int:
    # Room for a few words between the keys ("twitching in my left calf").
    return 1 if n_keys == 1 else 2 * n_keys + 2


def _best_positions(
    entry: Entry,
    positions: dict[str, list[int]],
    keys: list[str | None],
    walls: frozenset[int] | None = None,
    stops: frozenset[int] = frozenset(),
    joins: frozenset[int] = frozenset(),
) -> tuple[int, ...] | None:
    """The tightest choice of one position per key; none may have a clause boundary (``walls``)
    between its words ("I can't swallow properly and I struggle to pee" is not "struggle to
    swallow"), and no comma or other stop (``stops``) may part a phrase's negation from the word
    it negates ("not tripping, walking fine" is not "not walking")."""
    choices = [positions[k] for k in entry.keys]
    total = 1
    for c in choices:
        total *= len(c)
    if total > MAX_COMBINATIONS:
        # Keep the combinatorics bounded: use the occurrences nearest the rarest key.
        anchor = min(choices, key=len)[0]
        choices = [sorted(c, key=lambda p: abs(p - anchor))[:3] for c in choices]
    best: tuple[int, ...] | None = None
    best_span = _window_limit(len(entry.keys)) + 1
    for combo in product(*choices):
        if len(set(combo)) != len(combo):
            continue
        if any(not 0 < combo[j] - combo[i] <= NEGATION_REACH for i, j in entry.before):
            continue
        if any(combo[i] < w < combo[j] for i, j in entry.before for w in stops):
            continue
        if entry.ordered and any(
            b <= a or any(a < w < b for w in joins) for a, b in pairwise(combo)
        ):
            # "back of my arm" is not "my arms and back", nor "my back and arms"
            continue
        if any(
            i + 1 < len(combo)
            and (
                combo[i + 1] < combo[i]
                or sum(1 for k in keys[combo[i] + 1 : combo[i + 1]] if k is not None) > VERB_REACH
            )
            for i in entry.said_unable
        ):
            # "can't feel" is not "feel like i can't"; the negated ability is of its own verb:
            # "can't keep my balance with my eyes shut" is not "can't shut my eye"
            continue
        span = max(combo) - min(combo) + 1
        if span < best_span and not (walls and any(min(combo) < w < max(combo) for w in walls)):
            best, best_span = combo, span
    return best


def _core(entry: Entry, combo: tuple[int, ...]) -> tuple[int, int]:
    hard = [p for i, p in enumerate(combo) if i not in entry.soft]
    chosen = hard or list(combo)
    return min(chosen), max(chosen) + 1


def find_matches(doc: Doc, lexicon: Lexicon, keys: list[str | None] | None = None) -> list[Match]:
    """Every match in ``doc`` (sentences must be set), after competing matches are resolved.

    ``keys`` are the tokens' keys (``lexicon.keys``), when the caller has them already.
    """
    if keys is None:
        keys = lexicon.keys(doc)
    pseudo = lexicon.pseudo_tokens(doc)
    # a negated ability's key of difficulty stands just before its verb (``ability.normalise``):
    # its token is no negation of the phrase around it
    pseudo |= {c.verb - 1 for c in lexicon.ability_cues(doc) if not c.perception}
    clause_starts = lexicon.clause_starts(doc)
    unable_at = lexicon.unable_at(doc)
    hard = lexicon.ability.difficulty_key
    found: list[Match] = []
    # "it" is the twitching only once twitching has been named
    first_twitch = next((i for i, k in enumerate(keys) if k in lexicon.twitch), None)
    for sent in doc.sents:
        positions: dict[str, list[int]] = {}
        for i in range(sent.start, sent.end):
            k = keys[i]
            if k is not None:
                positions.setdefault(k, []).append(i)
        candidates: set[int] = set()
        for k in positions:
            candidates.update(lexicon.by_key.get(k, ()))
        # A dash or colon often introduces a list of sites ("twitches all over - legs, arms"),
        # so it does not part a site from its twitch word.
        boundaries = {
            i
            for i in range(sent.start, sent.end)
            if lexicon.is_boundary(doc, i) and doc[i].text not in ("-", "–", ":")
        }
        walls = frozenset(i for i in range(sent.start, sent.end) if i in clause_starts)
        stops = frozenset(i for i in range(sent.start, sent.end) if doc[i].text in (",", ";"))
        joins = stops | frozenset(i for i in range(sent.start, sent.end) if doc[i].lower_ in _JOINS)
        plain: list[Match] = []
        sites: list[tuple[Entry, tuple[int, ...]]] = []
        for idx in sorted(candidates):
            entry = lexicon.entries[idx]
            if not all(k in positions for k in entry.keys):
                continue
            combo = _best_positions(
                entry,
                positions,
                keys,
                walls if entry.kind != "site" and not entry.crosses else None,
                stops,
                joins,
            )
            if combo is None:
                continue
            if len(combo) == 1 and _perceives(doc, combo[0], keys, lexicon):
                continue  # "I can't hear it myself": no trouble hearing
            if entry.kind == "site":
                sites.append((entry, combo))
            else:
                lo, hi = min(combo), max(combo) + 1
                inner = any(
                    keys[i] in lexicon.negations
                    and i not in combo
                    and i not in pseudo
                    and any(0 < j - i <= NEGATION_REACH for j in combo)
                    for i in range(lo, hi)
                )
                unlike = sum(
                    1
                    for i, (key, at) in enumerate(zip(entry.keys, combo, strict=True))
                    if key == hard and (i in entry.said_unable) != (at in unable_at)
                )
                plain.append(
                    Match(entry, lo, hi, frozenset(combo), _core(entry, combo), inner, unlike)
                )
        plain = _resolve([m for m in plain if not _compared_or_asked(doc, m, sent.start)])
        words = [i for i in range(sent.start, sent.end) if doc[i].is_alpha]
        twitch_at = [i for i in range(sent.start, sent.end) if keys[i] in lexicon.twitch]
        if first_twitch is not None:
            twitch_at += [
                i
                for i in range(max(sent.start, first_twitch + 1), sent.end - 1)
                if doc[i].lower_ in lexicon.twitching_pronouns
                and doc[i + 1].lower_ in lexicon.twitching_pronoun_next
            ]
            twitch_at.sort()
        for entry, combo in sites:
            # Words of other findings keep a site from a distant twitch word, unless they describe
            # the twitching itself (another site, "like worms"), the site is part of that
            # finding ("hands are shaky and twitchy"), or the finding's words stand on both sides
            # of a twitch word, sharing its subject ("thigh muscles twitch and feel stiff").
            taken = boundaries | {
                i
                for m in plain
                if not m.entry.describes_twitch
                and not m.keys & set(combo)
                and not any(m.start < t < m.end and t not in m.keys for t in twitch_at)
                for i in m.keys
            }
            # A new subject naming another site ("...and my arms twitch") also stands between;
            # a site after a preposition is no subject ("twitches in my arms and stomach").
            taken |= {
                i
                for i in range(sent.start + 1, sent.end)
                if keys[i] in lexicon.site_keys
                and doc[i - 1].lower_ in lexicon.possessives
                and not (i >= sent.start + 2 and doc[i - 2].lower_ in lexicon.site_prepositions)
                and i not in combo
            }
            near = _nearest_twitch(combo, twitch_at, taken, words)
            if near is None:
                near = _joined_twitch(doc, combo, twitch_at, taken - found_words(plain), words)
            if near is None:
                continue
            if (
                near < min(combo)
                and any(near < w <= min(combo) for w in walls)
                and any(
                    m.keys & set(combo) and not m.entry.describes_twitch and not m.entry.location
                    for m in plain
                )
            ):
                # "my feet locked in spasm and my lips tingle": the lips start a clause of
                # their own with another finding; the spasm before them is not theirs
                continue
            start, end = min(*combo, near), max(*combo, near) + 1
            core = (start, end)
            if near > max(combo) and _pronoun_before(doc, near, lexicon, sent.start):
                core = (near, near + 1)  # "..., they twitch": the twitching is its own clause
            # "my legs don't twitch": ConText cannot see a negation inside the match
            inner = near > max(combo) and any(
                keys[i] in lexicon.negations and i not in pseudo and near - i <= NEGATION_REACH
                for i in range(max(combo) + 1, near)
            )
            plain.append(Match(entry, start, end, frozenset((*combo, near)), core, inner))
        linked = {m.entry.finding for m in plain}
        for t in twitch_at:
            if not _pronoun_before(doc, t, lexicon, sent.start):
                continue
            before = [(entry, combo) for entry, combo in sites if max(combo) < t]
            if not before:
                continue
            last = max(max(combo) for _, combo in before)
            if sum(1 for w in words if last < w < t) > SITE_REACH:
                continue
            for entry, combo in before:
                if max(combo) == last and entry.finding not in linked:
                    # ConText reads the twitch word: the words before it belong to others
                    keys_at = frozenset((*combo, t))
                    plain.append(Match(entry, min(combo), t + 1, keys_at, (t, t + 1)))
                    linked.add(entry.finding)
        plain.extend(_coordinated(doc, sites, plain, linked, keys, lexicon, sent.end))
        found.extend(_resolve(plain))
    found = _shared_negation(found, keys, lexicon.negations)
    return sorted(found, key=lambda m: (m.start, m.end, m.entry.finding))


_JOINERS = frozenset({",", "and", "or", "&", "/", "+"})


def _coordinated(
    doc: Doc,
    sites: list[tuple[Entry, tuple[int, ...]]],
    plain: list[Match],
    linked: set[str],
    keys: list[str | None],
    lexicon: Lexicon,
    end: int,
) -> list[Match]:
    """A site joined by "and", "or" or a comma to a site that twitches twitches with it ("my
    arm and leg muscles look thinner and twitch", "calves, thighs and arms twitch"): read back
    from the last site of the list to the first."""
    out: list[Match] = []
    for entry, combo in sorted(sites, key=lambda s: -max(s[1])):
        if entry.finding in linked or any(
            set(combo) & m.keys for m in plain if not m.entry.describes_twitch
        ):
            continue  # "cramps in my calves and my arms twitch": the calves are the cramps'
        k = max(combo) + 1
        while k < end and doc[k].lower_ in _JOINERS and not lexicon.is_boundary(doc, k):
            k += 1
        if k == max(combo) + 1:
            continue  # a comma before "and", or "my" after it, starts a clause of its own
        partner = next(
            (m for m in (*plain, *out) if m.entry.location and k in m.keys and k < m.end), None
        )
        if partner is None:
            continue
        t = next((i for i in sorted(partner.keys) if keys[i] in lexicon.twitch), None)
        if t is None:
            continue
        span_end = max(t + 1, max(combo) + 1)
        out.append(Match(entry, min(combo), span_end, frozenset((*combo, t)), (t, t + 1)))
        linked.add(entry.finding)
    return out


def _perceives(doc: Doc, at: int, keys: list[str | None], lexicon: Lexicon) -> bool:
    """The word at ``at`` is a verb of perception with an object ("hear it", "see that")."""
    ability = lexicon.ability
    return (
        keys[at] in ability.perception_stems
        and at + 1 < len(doc)
        and doc[at + 1].lower_ in ability.perception_objects
    )


def _shared_negation(
    matches: list[Match], keys: list[str | None], negations: frozenset[str]
) -> list[Match]:
    """A negation that is a key of one phrase negates too a phrase that shares its verb: in
    "she does not hold her head up", "not ... hold" (of "legs wouldn't hold me") and "holds his
    head up" share "hold", and ConText, which drops a modifier inside a match, would leave the
    second one plain ("head up": absent). A negated ability ("can't hold") stays no negation:
    the parser reads it apart (``ability``)."""
    out = []
    for m in matches:
        shared = [
            o
            for o in matches
            if o is not m
            and o.keys & m.keys
            and any(keys[i] in negations and i < min(m.keys) for i in o.keys - m.keys)
        ]
        if shared and not m.inner_negation and not any(keys[i] in negations for i in m.keys):
            m = replace(m, inner_negation=True)
        out.append(m)
    return out


def _pronoun_before(doc: Doc, t: int, lexicon: Lexicon, first: int) -> bool:
    """The twitch word at ``t`` has a pronoun for its subject ("they just twitch")."""
    i = t - 1
    while i >= first and (
        doc[i].lower_ in lexicon.pronoun_fillers or doc[i].norm_ in lexicon.negations
    ):
        i -= 1
    if i < first:
        return False
    pair = f"{doc[i - 1].lower_} {doc[i].lower_}" if i > first else ""
    # "the muscles twitch" refers back to the site named before it, as "they twitch" does
    return doc[i].lower_ in lexicon.site_pronouns or pair in lexicon.site_pronouns


def _nearest_twitch(
    combo: tuple[int, ...], twitch_at: list[int], taken: set[int], words: list[int]
) -> int | None:
    lo, hi = min(combo), max(combo)
    best: int | None = None
    best_gap = SITE_REACH + 1
    for t in twitch_at:
        # the gap counts words, not punctuation
        a, b = (t, lo) if t < lo else (hi, t)
        gap = sum(1 for w in words if a < w < b)
        if gap >= best_gap:
            continue
        between = range(t + 1, lo) if t < lo else range(hi + 1, t)
        if taken.intersection(between):
            continue  # another finding's words, or a clause boundary, stand in between
        best, best_gap = t, gap
    return best


# "my thighs ache and *keep* twitching": words that may stand between "and" and a twitch verb
_CARRIERS = frozenset({"keep", "keeps", "kept", "also", "still", "then", "constantly", "both"})


def found_words(matches: list[Match]) -> set[int]:
    """The tokens of the matched findings' keys."""
    return {i for m in matches for i in m.keys}


def _joined_twitch(
    doc: Doc, combo: tuple[int, ...], twitch_at: list[int], walls: set[int], words: list[int]
) -> int | None:
    """A twitch verb joined by "and" to another finding said of the same site ("my thighs ache
    and twitch", "calves cramp and keep twitching"): the site is the subject of both, so the
    other finding's words do not part it from its twitch word. Not across a boundary or a new
    subject, and not when the twitch word names a site of its own ("... and twitching in my
    arms")."""
    hi = max(combo)
    for t in twitch_at:
        if t <= hi:
            continue
        j = t - 1
        while j > hi and doc[j].lower_ in _CARRIERS:
            j -= 1
        if j <= hi or doc[j].lower_ != "and" or walls.intersection(range(hi + 1, t)):
            return None
        if sum(1 for w in words if hi < w < t) > SITE_REACH:
            return None
        if t + 1 < len(doc) and doc[t + 1].lower_ in ("in", "on", "of", "around", "near"):
            return None
        return t
    return None


def _resolve(matches: list[Match]) -> list[Match]:
    """Drop a match whose words are all used by a bigger match, by an equal one of the same
    finding found first, or by an equal one of another finding whose phrase is written the way
    the text says it ("struggle to..." vs "can't..."), then keep one match per finding where
    matches of the same finding overlap. Other equal matches of two findings both stand
    ("peeing is normal": bladder, and the colour of urine). A one-word match of a finding the
    bigger one implies also stands: "getting weaker" says "weaker" (weakness) and that it is
    getting worse."""
    # ...and of two matches of one finding, one said of a helping relative ("wife hauls me out
    # of the chair") gives way to the person's own ("can't get up out of my chair without
    # hauling myself up")
    ordered = sorted(
        matches,
        key=lambda m: (
            -len(m.keys),
            m.unlike,
            m.entry.kind == "relative",
            m.end - m.start,
            m.start,
        ),
    )
    survivors: list[Match] = []
    for i, m in enumerate(ordered):
        if any(
            (m.keys < other.keys and not _said_too(m, other))
            or (m.keys == other.keys and j < i and m.entry.finding == other.entry.finding)
            or (m.keys == other.keys and m.unlike > other.unlike)
            for j, other in enumerate(ordered)
            if j != i
        ):
            continue
        survivors.append(m)
    kept: list[Match] = []
    for m in survivors:
        if any(m.entry.finding == k.entry.finding and m.keys & k.keys for k in kept):
            continue
        kept.append(m)
    return kept


def _said_too(small: Match, big: Match) -> bool:
    return len(small.keys) == 1 and small.entry.finding in big.entry.implies


def _compared_or_asked(doc: Doc, match: Match, sent_start: int) -> bool:
    """A phrase of normal function that compares with normal ("my pee looks darker *than*
    normal", "not as strong as usual") or asks about it ("*is it* normal that my pee is dark"):
    neither says the function is normal, so it is no match."""
    if match.entry.kind != "normal":
        return False
    inside = [doc[i].lower_ for i in range(match.start, match.end)]
    if "than" in inside or inside[:1] == ["as"] or ("as" in inside and "not" in inside):
        return True
    before = [doc[i].lower_ for i in range(max(sent_start, match.start - 2), match.start)]
    return before[-2:] in (["is", "it"], ["is", "this"], ["is", "that"]) or before[-1:] == ["than"]
