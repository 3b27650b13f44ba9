"""The web page in a real browser: a whole interview to a result, accessibility (axe-core),
no third-party requests, keyboard use, and screenshots at phone and desktop width."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect

from .conftest import ARTIFACTS, AXE


def run_axe(page: Page) -> list[dict[str, Any]]:
    """Inject axe-core and return the serious or critical violations."""
    page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = page.evaluate("async () => await axe.run(document)")
    return [v for v in result["violations"] if v["impact"] in {"serious", "critical"}]


def answer_until_result(page: Page, answer: str, limit: int = 40) -> int:
    """Click ``answer`` on every question until the result shows; return how many were asked."""
    for asked in range(limit):
        page.wait_for_selector("#ask:not([hidden]), #result:not([hidden])")
        if page.locator("#result").is_visible():
            return asked
        question = page.locator("#question").inner_text()
        if page.locator("#options").is_visible():
            # A choice or checklist: "yes" picks the first option, "no" picks none of them.
            if answer == "yes":
                page.locator("#option-list input").first.check()
                page.click("#options-done")
            elif page.locator('#option-list input[type="checkbox"]').count():
                page.click("#options-done")
            else:
                page.click('button.answer[data-answer="unknown"]')
        else:
            page.click(f'#yes-no button.answer[data-answer="{answer}"]')
        page.wait_for_function(
            "q => document.getElementById('question').textContent !== q"
            " || !document.getElementById('result').hidden",
            arg=question,
        )
    raise AssertionError("the interview did not end")


def test_whole_interview_to_a_calm_result(page: Page, base_url: str) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base_url + "/")
    assert run_axe(page) == []
    page.fill("#text", "my calves have been twitching for a couple of months, strength is fine")
    page.fill("#age", "29")
    page.check('input[name="sex"][value="male"]')
    page.click("button.primary")
    page.wait_for_selector("#ask:not([hidden])")
    assert run_axe(page) == []
    page.click("#why summary")
    expect(page.locator("#why-text")).not_to_be_empty()
    asked = answer_until_result(page, "no")
    assert 1 <= asked <= 20
    expect(page.locator("#triage")).to_have_class("triage routine")
    expect(page.locator("#causes li").first).to_contain_text("%")
    expect(page.locator("#reassurance")).to_contain_text("unlikely")
    expect(page.locator("#understood-text mark").first).to_be_visible()
    assert run_axe(page) == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "result-desktop.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(ARTIFACTS / "result-phone.png"), full_page=True)
    assert all(u.startswith(base_url) for u in requests), [
        u for u in requests if not u.startswith(base_url)
    ]


def test_emergency_is_impossible_to_miss(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    page.fill("#text", "twitching all over and I am struggling to breathe when lying down")
    page.fill("#age", "64")
    page.check('input[name="sex"][value="female"]')
    page.click("button.primary")
    answer_until_result(page, "yes")
    triage = page.locator("#triage")
    expect(triage).to_have_class("triage emergency")
    expect(triage).to_have_attribute("role", "alert")
    expect(page.locator("#result-title")).to_contain_text("emergency")
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(ARTIFACTS / "emergency-phone.png"), full_page=True)


def test_keyboard_only_start_and_back(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")
    page.keyboard.type("eyelid twitching for two days after long nights")
    page.focus("#age")
    page.keyboard.type("33")
    page.focus("button.primary")
    page.keyboard.press("Enter")
    page.wait_for_selector("#ask:not([hidden])")
    first = page.locator("#question").inner_text()
    if page.locator("#options").is_visible():
        page.focus("#options-done")
    else:
        page.focus('#yes-no button.answer[data-answer="no"]')
    page.keyboard.press("Enter")
    page.wait_for_function(
        "q => document.getElementById('question').textContent !== q"
        " || !document.getElementById('result').hidden",
        arg=first,
    )
    if page.locator("#ask").is_visible():
        page.click("#back")
        expect(page.locator("#question")).to_have_text(first)


def test_bad_age_is_explained_not_sent(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    page.fill("#age", "130")
    page.click("button.primary")
    expect(page.locator("#start-error")).to_contain_text("between 0 and 120")
    expect(page.locator("#start")).to_be_visible()
