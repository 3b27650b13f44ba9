"""The web page in a real browser, at phone (390 px) and desktop (1280 px) width: a whole
interview to a short result, emergency first, pre-ticked checklists, honest numbers, resume and
Back, delete, the doctor's summary, accessibility (axe-core) and screenshots of every view."""

from __future__ import annotations

import re
from typing import Any

import httpx
from playwright.sync_api import Page, expect

from .conftest import ARTIFACTS, AXE

EMERGENCY_TEXT = (
    "since yesterday both my legs went weak and numb below the chest, my legs twitch and I "
    "cannot pass urine"
)
CALM_TEXT = "my calves have been twitching for a couple of months, strength is fine"
# Shown frequencies never go past the cap (kb/display.yaml: 0.7 → 70 in 100).
CAP_PER_100 = 70


def run_axe(page: Page) -> list[dict[str, Any]]:
    """Inject axe-core and return the serious or critical violations (landmark-unique included,
    whatever its impact)."""
    page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = page.evaluate("async () => await axe.run(document)")
    return [
        {"id": v["id"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"} or v["id"] == "landmark-unique"
    ]


def width(page: Page) -> str:
    size = page.viewport_size
    return "phone" if size and size["width"] < 600 else "desktop"


def shot(page: Page, view: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{view}-{width(page)}.png"), full_page=True)


def open_page(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    page.wait_for_selector("body[data-ready]")


def begin(page: Page, text: str, age: str, sex: str) -> None:
    page.fill("#text", text)
    page.fill("#age", age)
    page.check(f'input[name="sex"][value="{sex}"]')
    page.click("#start-button")
    page.wait_for_selector("#ask:not([hidden]), #result:not([hidden])")


def answer_one(page: Page, answer: str) -> None:
    question = page.locator("#question").inner_text()
    asked = page.evaluate("() => history.state && history.state.asked")
    dont_know = page.locator('button.answer[data-answer="unknown"]')
    if answer == "unknown" and dont_know.is_visible():
        dont_know.click()
    elif page.locator("#options").is_visible():
        if answer == "yes":
            free = page.locator("#option-list input:not([disabled])")
            if free.count():
                free.first.check()
        page.click("#options-done")
    else:
        page.click(f'#yes-no button.answer[data-answer="{answer}"]')
    page.wait_for_function(
        "([q, n]) => !document.getElementById('result').hidden"
        " || (history.state && history.state.asked !== n)"
        " || document.getElementById('question').textContent !== q",
        arg=[question, asked],
    )


def answer_until_result(page: Page, answer: str, limit: int = 40) -> int:
    """Answer ``answer`` to every question until the result shows; return how many were asked."""
    for asked in range(limit):
        page.wait_for_selector("#ask:not([hidden]), #result:not([hidden])")
        if page.locator("#result").is_visible():
            return asked
        answer_one(page, answer)
    raise AssertionError("the interview did not end")


def test_stated_emergency_is_the_next_thing_shown(page: Page, base_url: str) -> None:
    open_page(page, base_url)
    begin(page, EMERGENCY_TEXT, "45", "male")
    # No question in between: the first response is the emergency result.
    expect(page.locator("#ask")).to_be_hidden()
    triage = page.locator("#triage")
    expect(triage).to_be_visible()
    expect(triage).to_have_class("triage emergency")
    expect(triage).to_have_attribute("role", "alert")
    expect(page.locator("#call-link")).to_have_text("Call 999")
    expect(page.locator("#call-link")).to_have_attribute("href", "tel:999")
    expect(page.locator("#waiting li").first).to_be_visible()
    assert page.evaluate("() => history.state.asked") == 0
    # Nothing reassuring on it.
    visible = page.locator("main").inner_text().lower()
    for calm in ("harmless", "unlikely", "likely causes"):
        assert calm not in visible, calm
    assert run_axe(page) == []
    shot(page, "emergency")


def test_checklist_known_from_words_is_ticked_and_no_stray_yes_no(
    page: Page, base_url: str
) -> None:
    open_page(page, base_url)
    begin(page, CALM_TEXT, "29", "male")
    shot(page, "question")
    assert run_axe(page) == []
    for _ in range(20):
        if page.locator("#result").is_visible():
            break
        if page.locator("#option-list input[data-known]").count():
            break
        answer_one(page, "no")
    known = page.locator("#option-list input[data-known]")
    assert known.count() >= 1, "no checklist pre-ticked from the opening words"
    expect(known.first).to_be_checked()
    expect(known.first).to_be_disabled()
    expect(page.locator("#option-list .known").first).to_have_text("from your words")
    # A checklist shows Continue, never the Yes/No pair.
    expect(page.locator("#yes-no")).to_be_hidden()
    expect(page.locator('button[data-answer="yes"]')).to_be_hidden()


def test_whole_interview_to_a_short_calm_result(page: Page, base_url: str) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    open_page(page, base_url)
    assert run_axe(page) == []
    shot(page, "start")
    begin(page, CALM_TEXT, "29", "male")
    page.click("#why summary")
    expect(page.locator("#why-text")).not_to_be_empty()
    progress: list[str] = []
    for _ in range(30):
        if page.locator("#result").is_visible():
            break
        progress.append(page.locator("#progress").inner_text())
        answer_one(page, "no")
    # The same "about N more" is never said twice.
    mores = [re.sub(r"^Question \d+", "", p) for p in progress if "more" in p]
    assert len(mores) == len(set(mores)), progress
    expect(page.locator("#result")).to_be_visible()
    expect(page.locator("#triage")).to_have_class(re.compile(r"triage (self_care|routine)"))
    causes = page.locator("#causes li")
    assert causes.count() == 3
    expect(causes.first).to_contain_text("in 100")
    # No figure above the cap anywhere a person reads.
    page.evaluate("() => document.querySelectorAll('#result details').forEach(d => d.open = true)")
    shown = page.locator("#result").inner_text()
    page.evaluate("() => document.querySelectorAll('#result details').forEach(d => d.open = false)")
    for n in re.findall(r"(\d+) in 100\b", shown):
        assert int(n) <= CAP_PER_100, n
    assert run_axe(page) == []
    # Short: the first disclosure starts within two screens.
    first = page.locator("#result details").first.bounding_box()
    viewport = page.viewport_size
    assert first is not None and viewport is not None
    screens = (first["y"] + page.evaluate("() => scrollY")) / viewport["height"]
    assert screens <= 2, f"first disclosure at {screens:.2f} viewports"
    print(f"[{width(page)}] first disclosure at {screens:.2f} viewports")  # noqa: T201
    page.click("#more-told summary")
    expect(page.locator("#understood-text mark").first).to_be_visible()
    expect(page.locator("#answers-list li").first).to_be_visible()
    shot(page, "result")
    assert all(u.startswith(base_url) for u in requests), [
        u for u in requests if not u.startswith(base_url)
    ]


def test_capped_numbers_for_a_worrying_case(page: Page, base_url: str) -> None:
    open_page(page, base_url)
    begin(page, "my hands are getting weaker and thinner and the muscles twitch", "62", "male")
    answer_until_result(page, "yes")
    page.evaluate("() => document.querySelectorAll('#result details').forEach(d => d.open = true)")
    text = page.locator("#result").inner_text()
    assert "%" not in page.locator("#short-causes").inner_text()
    for n in re.findall(r"(\d+) in 100\b", text):
        assert int(n) <= CAP_PER_100, n


def test_reload_resumes_and_back_goes_back(page: Page, base_url: str) -> None:
    open_page(page, base_url)
    begin(page, CALM_TEXT, "29", "male")
    first = page.locator("#question").inner_text()
    answer_one(page, "no")
    second = page.locator("#question").inner_text()
    assert second != first
    page.reload()
    page.wait_for_selector("body[data-ready]")
    expect(page.locator("#question")).to_have_text(second)
    page.go_back()
    expect(page.locator("#question")).to_have_text(first)
    # The page's own link on question 1 goes back to the start, with the words still there.
    expect(page.locator("#back")).to_have_text("← Back to the start")
    page.click("#back")
    expect(page.locator("#start")).to_be_visible()
    expect(page.locator("#text")).to_have_value(CALM_TEXT)


def test_delete_removes_the_interview_and_start_again_clears(page: Page, base_url: str) -> None:
    open_page(page, base_url)
    begin(page, EMERGENCY_TEXT, "45", "male")
    iid = page.evaluate("() => JSON.parse(sessionStorage.getItem('twitchcheck.interview')).id")
    assert httpx.get(f"{base_url}/v1/interviews/{iid}").status_code == 200
    page.click("#delete")
    expect(page.locator("#notice")).to_contain_text("deleted")
    expect(page.locator("#start")).to_be_visible()
    expect(page.locator("#text")).to_have_value("")
    expect(page.locator("#age")).to_have_value("")
    assert httpx.get(f"{base_url}/v1/interviews/{iid}").status_code == 404
    assert page.evaluate("() => sessionStorage.length") == 0
    # Start again after a result: nothing of the previous person is left.
    begin(page, EMERGENCY_TEXT, "45", "male")
    page.click("#restart")
    expect(page.locator("#text")).to_have_value("")
    expect(page.locator("#age")).to_have_value("")
    page.reload()
    page.wait_for_selector("body[data-ready]")
    expect(page.locator("#start")).to_be_visible()


def test_doctor_summary_prints_on_one_page_with_the_answers(page: Page, base_url: str) -> None:
    if width(page) == "phone":
        return  # printing does not depend on the window width
    open_page(page, base_url)
    begin(page, CALM_TEXT, "29", "male")
    answer_until_result(page, "no")
    page.emulate_media(media="print")
    summary = page.locator("#summary")
    expect(summary).to_be_visible()
    expect(page.locator("#result")).to_be_hidden()
    text = summary.inner_text()
    answers = page.evaluate(
        "async id => (await (await fetch('/v1/interviews/' + id)).json()).answers",
        page.evaluate("() => JSON.parse(sessionStorage.getItem('twitchcheck.interview')).id"),
    )
    assert answers
    for a in answers:
        assert a["text"] in text
    for part in ("Date:", "Age: 29", "Sex: male", CALM_TEXT, "Interview ", "knowledge kb-"):
        assert part in text, part
    pdf = page.pdf(format="A4", print_background=False)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    print(f"summary PDF: {pages} page(s), {len(pdf)} bytes")  # noqa: T201
    assert pages == 1
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "doctor-summary.pdf").write_bytes(pdf)
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    page.screenshot(path=str(ARTIFACTS / "doctor-summary.png"), full_page=True)


def test_docs_render_offline_under_the_csp(strict_page: Page, base_url: str) -> None:
    page = strict_page
    outside: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(base_url) else outside.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(base_url + "/docs")
    expect(page.locator(".opblock").first).to_be_visible(timeout=15000)
    assert page.locator(".opblock").count() >= 10
    expect(page.locator("#swagger-ui")).to_contain_text("/v1/interviews/{interview_id}")
    assert outside == []
    assert not [e for e in errors if "Content Security Policy" in e], errors
    assert httpx.get(base_url + "/favicon.ico").status_code == 200


def test_bad_age_is_explained_not_sent(page: Page, base_url: str) -> None:
    open_page(page, base_url)
    page.fill("#age", "130")
    page.click("#start-button")
    expect(page.locator("#start-error")).to_contain_text("between 0 and 120")
    expect(page.locator("#start")).to_be_visible()


def test_keyboard_only_start(page: Page, base_url: str) -> None:
    open_page(page, base_url)
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")
    page.keyboard.type("eyelid twitching for two days after long nights")
    page.focus("#age")
    page.keyboard.type("33")
    page.focus("#start-button")
    page.keyboard.press("Enter")
    page.wait_for_selector("#ask:not([hidden]), #result:not([hidden])")


def test_an_unasked_exposure_is_said_as_only_if(page: Page, base_url: str) -> None:
    """HIV nerve damage among the likely causes while HIV was answered "I don't know": the page
    says the cause holds only if that applies, never as if the person had it."""
    open_page(page, base_url)
    begin(page, "burning painful feet and my calves twitch, it's been months", "45", "male")
    answer_until_result(page, "unknown")
    page.evaluate("() => document.querySelectorAll('#result details').forEach(d => d.open = true)")
    shown = page.locator("#result").inner_text()
    expect(page.locator("#causes")).to_contain_text(
        "only if this applies to you: Living with HIV - not asked yet"
    )
    assert "you have HIV" not in shown and "you said no to" not in shown.lower()
    assert run_axe(page) == []


def test_split_causes_read_as_one_line_with_the_likeliest_named(page: Page, base_url: str) -> None:
    """The kinds of medicine are separate causes in the engine; a person reads one line, "a side
    effect of a medicine", with the likeliest kind named under it and listed once."""
    open_page(page, base_url)
    begin(
        page,
        "since I started using my blue inhaler a lot my hands shake and my arms twitch",
        "16",
        "male",
    )
    answer_until_result(page, "unknown")
    causes = page.locator("#causes")
    expect(causes).to_contain_text("A side effect of a medicine")
    expect(causes).to_contain_text("mostly: A side effect of a reliever inhaler (salbutamol)")
    assert causes.inner_text().count("A side effect of a reliever inhaler") == 1
    page.evaluate("() => document.querySelectorAll('#result details').forEach(d => d.open = true)")
    expect(page.locator("#all-causes")).to_contain_text("A side effect of a medicine")
    assert run_axe(page) == []
