"""Issue 12: classes of error of the lay-text reader, sixth set, found on fresh batch 4.

Each test names one class and reads phrasings written for the test (not the corpus's), with
controls: a negated ability whose verb is left out ("tried to get up and couldn't.") says the
ability failed and denies nothing after it; someone a finding is compared with is not who has
it; "run" is running only in words for exercise ("the pain runs into my hand", "feeling run
down", "the runs" are not); progression in words of its own beside a weakness; doctors' and lay
words for a wasted hand muscle, a foot or wrist that will not lift, tetany, a sore spot.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.text.reading import states_on
from twitchcheck import KnowledgeBase
from twitchcheck.text import parse

TODAY = date(2026, 12, 7)

states = states_on(TODAY)


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("tried to get up off the floor and couldn't.", "difficulty_rising"),
        ("I tried to climb the stairs but couldn't, my legs shook", "difficulty_stairs"),
        ("I wanted to swallow the pill but couldn't, it stuck", "swallowing_difficulty"),
        ("got up from the toilet and couldnt, had to pull on the sink", "difficulty_rising"),
    ],
)
def test_a_negated_ability_with_no_verb_is_the_problem(
    kb: KnowledgeBase, text: str, finding: str
) -> None:
    assert states(kb, text).get(finding) == "present", text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        (
            "my calf twitched and I couldn't, honestly, care less; my speech is slurred",
            "speech_difficulty",
        ),
        ("walked to the shop and couldn't, had to sit down, legs went weak", "weakness"),
    ],
)
def test_it_denies_nothing_after_it(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert states(kb, text).get(finding) == "present", text


def test_a_plain_denial_stays_a_denial(kb: KnowledgeBase) -> None:
    got = states(kb, "I have no trouble swallowing and couldn't be happier about it")
    assert got.get("swallowing_difficulty") == "absent", got


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("my 9 month old feels floppy compared to her cousin", "infant_floppy"),
        ("my legs are much weaker than my brother's", "weakness"),
        ("unlike my sister I can't swallow bread any more", "swallowing_difficulty"),
    ],
)
def test_someone_compared_with_does_not_have_it(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert states(kb, text).get(finding) == "present", text


def test_a_relatives_own_finding_stays_theirs(kb: KnowledgeBase) -> None:
    assert "speech_difficulty" not in states(kb, "my dad has slurred speech compared to last year")


@pytest.mark.parametrize(
    "text",
    [
        "my neck aches and the pain runs into my hand, thumb twitching",
        "sore neck with a pain that runs down the back of my arm",
        "feeling run down and my eyelid twitches",
        "had the runs for days and now my calves twitch",
        "my nose runs all the time and my eyelid twitches",
    ],
)
def test_run_that_is_not_running(kb: KnowledgeBase, text: str) -> None:
    assert "trigger_exercise" not in states(kb, text), text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("my neck aches and the pain runs into my hand", "neck_pain_arm"),
        ("feeling run down lately, eyelid twitching", "fatigue"),
        ("had the runs for a week, calves twitching", "vomiting_diarrhoea_prolonged"),
        ("calves twitch after every run", "trigger_exercise"),
        ("twitchy thighs from running", "trigger_exercise"),
        ("I went for a run and my calf has twitched since", "trigger_exercise"),
    ],
)
def test_what_run_says(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert states(kb, text).get(finding) == "present", text


@pytest.mark.parametrize(
    "text",
    [
        "my arm is weak and it is slowly getting worse",
        "weakness in my hand, gradually getting worse since spring",
        "my grip is weak and it keeps getting worse and worse",
    ],
)
def test_progression_beside_a_weakness(kb: KnowledgeBase, text: str) -> None:
    assert states(kb, text).get("weakness_progressive") == "present", text


def test_progression_with_no_weakness_is_no_progressive_weakness(kb: KnowledgeBase) -> None:
    assert "weakness_progressive" not in states(kb, "my eyelid twitch is slowly getting worse")


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("the neurologist saw wasting of the first dorsal interosseous", "hand_wasting"),
        ("the muscle between my thumb and pointer is gone", "hand_wasting"),
        ("my foot won't lift when I walk", "foot_drop"),
        ("nearly face planted on the kerb twice", "tripping"),
        ("I can't straighten my wrist since Sunday", "wrist_drop"),
        ("after the neck operation my hands lock up and my fingers curl", "tetany"),
        ("my thigh twitches and it's sore there", "pain"),
        ("my baby struggles to suck from the bottle", "infant_feeding_trouble"),
        ("came in from spraying the barley and now I'm drooling", "insecticide_exposure"),
        ("the muscle on my shoulder looks sunken", "muscle_wasting"),
        ("my grip has faded this year", "dropping_things"),
    ],
)
def test_words_for_red_flags(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert states(kb, text).get(finding) == "present", text


def test_muscles_said_to_look_normal_deny_wasting(kb: KnowledgeBase) -> None:
    got = states(kb, "my muscles look normal, just twitchy")
    assert got.get("muscle_wasting") == "absent", got


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("forearm twitches. weakness no, numbness no", "weakness"),
        ("forearm twitches. weakness no, numbness no", "numbness_tingling"),
        ("swallowing: nope", "swallowing_difficulty"),
        ("any weakness? no", "weakness"),
        ("trouble breathing? no. twitching yes, in my calf", "breathing_difficulty"),
    ],
)
def test_a_denial_said_after_the_finding(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert states(kb, text).get(finding) == "absent", text


@pytest.mark.parametrize(
    ("text", "finding", "state"),
    [
        ("weakness? no idea, my calf twitches", "weakness", "unknown"),
        ("poss weaker in my left leg", "weakness", "unknown"),
        ("I can't swallow, no idea why", "swallowing_difficulty", "present"),
        ("weakness no idea but I can't grip", "dropping_things", "present"),
    ],
)
def test_doubt_said_in_chat(kb: KnowledgeBase, text: str, finding: str, state: str) -> None:
    assert states(kb, text).get(finding) == state, text


@pytest.mark.parametrize(
    ("text", "finding", "state"),
    [
        ("not tripping, walking fine, can jog", "weakness", "absent"),
        ("not tripping, walking fine, can jog", "tripping", "absent"),
        ("no twitching in my legs, walking is fine", "weakness", "absent"),
    ],
)
def test_a_negation_does_not_reach_across_a_comma_into_a_phrase(
    kb: KnowledgeBase, text: str, finding: str, state: str
) -> None:
    assert states(kb, text).get(finding) == state, text


@pytest.mark.parametrize(
    "text",
    [
        "my husband says I sound slurred, I honestly can't hear it myself",
        "I can't hear that my voice has changed, my wife can",
    ],
)
def test_hearing_a_thing_is_no_hearing_trouble(kb: KnowledgeBase, text: str) -> None:
    assert "hearing_change" not in states(kb, text), text


@pytest.mark.parametrize(
    "text",
    ["I can't hear the tv unless it's loud", "can't hear properly in my left ear"],
)
def test_not_hearing_the_tv_is_hearing_trouble(kb: KnowledgeBase, text: str) -> None:
    assert states(kb, text).get("hearing_change") == "present", text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("my mum (she's fine now) had Bell's palsy, my eyelid twitches", "facial_weakness"),
        ("my dad (78) has twitching arms, I'm fine", "twitch_arms"),
    ],
)
def test_a_relative_with_an_aside_in_brackets(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert finding not in states(kb, text), text


@pytest.mark.parametrize(
    ("text", "finding", "state"),
    [
        ("my back hurts and my calf twitches", "spine_trauma", None),
        ("I hurt my back lifting a fridge, now my leg twitches", "spine_trauma", "present"),
        ("my fingers droop when I hold my arm out", "facial_weakness", None),
        ("one side of my face droops", "facial_weakness", "present"),
        (
            "my son hit all his milestones on time, he's 3 now and his legs twitch",
            "milestones_delayed",
            "absent",
        ),
    ],
)
def test_words_that_say_something_else(
    kb: KnowledgeBase, text: str, finding: str, state: str | None
) -> None:
    assert states(kb, text).get(finding) == state, text


# --- found on fresh batch 5's development part ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "age", "finding"),
    [
        ("Dad is 79, I'm his carer. He chokes on his tea and his arms twitch", 79.0, "twitch_arms"),
        (
            "gran's 90, in a care home, staff say she coughs at every meal",
            90.0,
            "swallowing_difficulty",
        ),
        ("Mum (84) has gone weak and her legs twitch", 84.0, "weakness"),
        ("I look after my dad, he can't get out of his chair now", None, "difficulty_rising"),
    ],
)
def test_a_carer_writes_about_the_person_cared_for(
    kb: KnowledgeBase, text: str, age: float | None, finding: str
) -> None:
    result = parse(kb, text, today=TODAY)
    assert result.about_other, text
    assert age is None or result.age == pytest.approx(age), (text, result.age)
    assert {e.id: e.state for e in result.evidence}.get(finding) == "present", text


@pytest.mark.parametrize(
    "text", ["Mum is 81 and my calf twitches", "my dad is 70 and I'm worried, my legs are weak"]
)
def test_a_relatives_age_beside_the_writers_own_symptoms(kb: KnowledgeBase, text: str) -> None:
    assert not parse(kb, text, today=TODAY).about_other, text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("baby's 5 mo, weak cry and sucks weakly", "infant_weak_cry"),
        ("old fella here, 77, can't get up off the settee, me legs twitch", "difficulty_rising"),
        ("me bum and the insides of me thighs have gone numb", "saddle_anaesthesia"),
    ],
)
def test_dialect_and_openings(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert states(kb, text).get(finding) == "present", text


def test_the_arms_of_a_settee_do_not_twitch(kb: KnowledgeBase) -> None:
    got = states(kb, "can't get up off the settee without pushing on the arms, and me legs twitch")
    assert "twitch_arms" not in got and got.get("twitch_legs") == "present", got


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        (
            "my wee looks like black tea after the marathon and my legs are agony",
            "dark_urine_muscle_pain",
        ),
        ("my urine is cola colored after the workout", "dark_urine_muscle_pain"),
        ("can't bring the phlegm up, my cough has no oomph", "breathing_difficulty"),
        ("I talk like I've got a mouth full of marbles", "speech_difficulty"),
        ("my 2 month old tires out after a few sucks on the bottle", "infant_feeding_trouble"),
        ("my 4 month old has no head control", "infant_floppy"),
        ("can't reach the top shelf any more", "weakness"),
        ("since yesterday I can't hold my head up", "weakness"),
        ("the muscle by my thumb looks scooped out", "hand_wasting"),
        ("can't do up my bra any more", "dropping_things"),
        ("my shoulder muscles look flat and I've lost a lot of bulk", "muscle_wasting"),
        ("getting up off the bench is impossible now", "difficulty_rising"),
        ("swallowing is impossible, everything sticks", "swallowing_difficulty"),
        ("Mum is 88, she pockets food and coughs when she eats", "swallowing_difficulty"),
    ],
)
def test_more_words_for_red_flags(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert states(kb, text).get(finding) == "present", text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("my legs feel like wet noodles", "bladder_bowel"),
        ("my 5 month old can't hold her head up", "weakness"),
        ("both legs went weak and numb below the chest", "breathing_difficulty"),
        ("I drink cola all day and my eyelid twitches", "dark_urine_muscle_pain"),
    ],
)
def test_words_that_are_not_that_red_flag(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert finding not in states(kb, text), text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("me speech is grand and I can swallow grand, just the eyelid", "speech_difficulty"),
        ("me speech is grand and I can swallow grand, just the eyelid", "swallowing_difficulty"),
    ],
)
def test_grand_is_fine(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert states(kb, text).get(finding) == "absent", text


# --- found on fresh batch 6's development part ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("weakness? none. numbness? none. swallowing? fine. speech? ok.", "weakness"),
        ("weakness? none. numbness? none. swallowing? fine. speech? ok.", "numbness_tingling"),
        ("weakness? none. numbness? none. swallowing? fine. speech? ok.", "swallowing_difficulty"),
        ("weakness? none. numbness? none. swallowing? fine. speech? ok.", "speech_difficulty"),
        ("balance: good", "balance_trouble"),
    ],
)
def test_a_form_answered_in_words(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert states(kb, text).get(finding) == "absent", text


def test_a_fine_answer_does_not_hide_a_stated_problem(kb: KnowledgeBase) -> None:
    assert states(kb, "weakness? fine, but I can't walk up the road")["weakness"] == "present"


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("I was dippin the sheep and now I'm droolin", "insecticide_exposure"),
        ("I was sprayin the roses with bug killer, now twitchin", "insecticide_exposure"),
    ],
)
def test_a_dropped_g(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert states(kb, text).get(finding) == "present", text


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("me da's 68, he was dipping sheep and now he's twitching all over", 68.0),
        ("My mother aged 81 is coughing while drinking water. Kindly advise.", 81.0),
        ("4yo nephew, he keeps stacking it lately, my sister's worried", 4.0),
    ],
)
def test_a_relative_named_with_an_age_at_the_start(
    kb: KnowledgeBase, text: str, age: float
) -> None:
    result = parse(kb, text, today=TODAY)
    assert result.about_other and result.age == pytest.approx(age), (text, result)


def test_someone_the_writer_is_with(kb: KnowledgeBase) -> None:
    got = states(kb, "I can't get up off the floor after playing with my kid, I'm only 38")
    assert got.get("difficulty_rising") == "present", got


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("can't grip the club properly any more", "dropping_things"),
        ("my fingers won't do the laces", "dropping_things"),
        ("lifting my arm above my head is impossible now", "weakness"),
        ("lower back agony, can't feel my privates", "saddle_anaesthesia"),
        ("pins and needles in my bum cheeks", "saddle_anaesthesia"),
        ("the pad at the base of my thumb looks flat", "hand_wasting"),
        ("a hollow in the web of my hand", "hand_wasting"),
        ("my tongue has deep grooves and looks smaller", "tongue_wasting"),
        ("my calf is sore right where it twitches", "pain"),
        ("the steps up to my front door are a struggle", "difficulty_stairs"),
        ("he's all over the shop on his feet, keeps stacking it", "balance_trouble"),
        ("when I laugh my smile only goes up on one side", "facial_weakness"),
    ],
)
def test_batch_six_words_for_red_flags(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert states(kb, text).get(finding) == "present", text


# --- found on fresh batch 7's development part ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "finding", "state"),
    [
        ("Q any trouble swallowing? A nope. Q speech? fine.", "swallowing_difficulty", "absent"),
        ("Q any trouble swallowing? A nope. Q speech? fine.", "speech_difficulty", "absent"),
        ("neuro exam was normal, strength 5/5 everywhere", "weakness", "absent"),
        ("my bum went numb and I can't tell if I need a wee", "saddle_anaesthesia", "present"),
    ],
)
def test_answers_and_examinations(kb: KnowledgeBase, text: str, finding: str, state: str) -> None:
    assert states(kb, text).get(finding) == state, text


def test_a_doctors_exam_is_no_exam_stress(kb: KnowledgeBase) -> None:
    assert "trigger_stress" not in states(kb, "neuro exam was normal and my calf twitches")


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Sir my mother (66) is coughing while eating. Kindly advise.", 66.0),
        ("carer: resident, 88, can't close her left eye since lunch", 88.0),
    ],
)
def test_someone_written_about_by_role(kb: KnowledgeBase, text: str, age: float | None) -> None:
    result = parse(kb, text, today=TODAY)
    assert result.about_other and result.age == age, (text, result)


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("the fork keeps falling out of my hand at dinner", "dropping_things"),
        ("my 3 month old's cry is more of a squeak than a cry", "infant_weak_cry"),
        ("the meaty bit between my thumb and finger has gone", "hand_wasting"),
        ("thighs swollen and agony to touch", "pain"),
        ("the pain runs down to my thumb when I turn my neck", "neck_pain_arm"),
        ("my speech on voice notes is like mush", "speech_difficulty"),
        ("my hand cramped into a fist and would not open", "tetany"),
        ("my 7 month old's head still wobbles when sitting", "infant_floppy"),
        ("the left side of her mouth has dropped", "facial_weakness"),
        ("my ankles are weak, can't go up on tiptoe", "weakness"),
        ("my ankles are weak and its spreading up", "weakness_progressive"),
        ("I've fallen three times this month", "balance_trouble"),
        ("I keep losing my footing on flat ground", "balance_trouble"),
    ],
)
def test_batch_seven_words_for_red_flags(kb: KnowledgeBase, text: str, finding: str) -> None:
    assert states(kb, text).get(finding) == "present", text


def test_a_head_that_wobbles_is_no_balance_trouble_for_a_baby(kb: KnowledgeBase) -> None:
    got = states(kb, "my 7 month old's head still wobbles when sitting")
    assert got.get("infant_floppy") == "present", got


@pytest.mark.parametrize(
    "text", ["my voice notes sound slurred", "I made notes: my speech is slurred since Monday"]
)
def test_a_word_that_stems_to_not_denies_nothing(kb: KnowledgeBase, text: str) -> None:
    assert states(kb, text).get("speech_difficulty") == "present", text


def test_a_childs_skill_age_in_years_before_its_age_now(kb: KnowledgeBase) -> None:
    result = parse(kb, "she was walking at 1 but now at 3 shes stopped walking", today=TODAY)
    assert result.about_other and result.age == 3.0, result
    assert {e.id: e.state for e in result.evidence}.get("milestones_delayed") == "present"
