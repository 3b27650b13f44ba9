// twitchcheck page: start an interview, answer one question at a time, show the result.
// Talks only to this server's /v1 API. Builds the DOM with textContent (never innerHTML),
// so nothing a person types can become markup.
//
// Never losing the person: the interview id and their own words live in this tab's
// sessionStorage (reload resumes; closing the tab forgets), and each question is a browser
// history entry (the Back button takes back the last answer).
"use strict";

const $ = (id) => document.getElementById(id);
const STORE_KEY = "twitchcheck.interview";
const state = {
  interview: null, // the last InterviewOut from the server
  text: "", // the person's own words (this tab only)
  mentions: [], // where each finding was read in them
  findings: new Map(),
  display: null, // GET /v1/display: natural frequencies, cap, emergency number
  shownLeft: null, // the last "about N more" shown: it is never repeated and never counts up
};

// ---------------------------------------------------------------- small helpers

function el(tag, text, cls) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  if (cls) node.className = cls;
  return node;
}

function show(view) {
  for (const id of ["start", "ask", "result"]) $(id).hidden = id !== view;
}

function notice(text) {
  $("notice").textContent = text || "";
  $("notice").hidden = !text;
}

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: body ? { "Content-Type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  if (response.status === 204) return null;
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    // Server messages can name internal ids; a person gets plain words.
    const plain = {
      404: "This interview is no longer stored on the server.",
      409: "The interview moved on in another window. We have reloaded where it is now.",
      413: "That description is too long. Please shorten it.",
    };
    throw new ApiError(response.status, plain[response.status] ||
      (response.status === 422 ? "Please check your answer and try again." :
        "Something went wrong on the server. Please try again."));
  }
  return data;
}

function labelOf(finding) {
  const f = state.findings.get(finding);
  return f ? f.label : finding.replaceAll("_", " ");
}

function clinicianLabelOf(finding) {
  const f = state.findings.get(finding);
  return f ? f.clinician_label || f.label : finding;
}

// ---------------------------------------------------------------- numbers people can read

// The same rules as twitchcheck.assessment.frequency (kb/display.yaml): natural frequencies,
// rounded, never above the cap a self-report can support.
function frame(p, who) {
  const d = state.display;
  if (!d) return { amount: `about ${Math.round(p * 100)} in 100`, text: "", capped: false };
  const f = d.frequency;
  const whom = who === "base_rate" ? f.wording.base_rate : f.wording.people;
  const base = f.denominators[0];
  const capCount = Math.round(d.cap.value * base);
  const rule = f.rounding.find((r) => p < r.below || r.below === 1.0);
  const perBase = rule.step * Math.round((p * base) / rule.step);
  const fill = (t, n, per) => t.replace("{n}", String(n)).replace("{d}", per.toLocaleString("en-GB"));
  if (perBase >= capCount) {
    const amount = fill(d.cap.wording, capCount, base);
    return { amount, text: `${amount} ${whom}; ${d.cap.note}`, capped: true };
  }
  for (const per of f.denominators) {
    const count = per === base ? perBase : Math.round(p * per);
    if (count >= 1) {
      const amount = fill(f.wording.about, count, per);
      return { amount, text: `${amount} ${whom}`, capped: false };
    }
  }
  const amount = fill(f.wording.fewer, 0, f.denominators[f.denominators.length - 1]);
  return { amount, text: `${amount} ${whom}`, capped: false };
}

function emergencyNumber() {
  const call = state.display && state.display.emergency_call;
  if (!call) return "112";
  if (call.number) return call.number;
  const region = (navigator.language || "").split("-")[1];
  return (region && call.countries[region.toUpperCase()]) || call.default;
}

// ---------------------------------------------------------------- the tab's memory

function remember() {
  const i = state.interview;
  if (!i || !i.id) return;
  sessionStorage.setItem(STORE_KEY, JSON.stringify({ id: i.id, text: state.text, mentions: state.mentions }));
}

function forget() {
  sessionStorage.removeItem(STORE_KEY);
}

function recalled() {
  try {
    return JSON.parse(sessionStorage.getItem(STORE_KEY) || "null");
  } catch (e) {
    return null;
  }
}

// ---------------------------------------------------------------- history (Back button)

// Each view is one history entry: {view, asked, depth}. `depth` counts the entries this page
// pushed before it, so the page's own Back link knows when the previous entry is still ours.
function viewOf(interview) {
  if (!interview) return { view: "start", asked: 0 };
  return { view: interview.status === "done" ? "result" : "question", asked: interview.questions_asked };
}

function hashOf(v) {
  return v.view === "start" ? "#start" : v.view === "result" ? "#result" : `#question-${v.asked + 1}`;
}

function record(push) {
  const v = viewOf(state.interview);
  const here = history.state || { depth: 0 };
  const same = here.view === v.view && here.asked === v.asked;
  if (push && !same) {
    history.pushState({ ...v, depth: (here.depth || 0) + 1 }, "", hashOf(v));
  } else {
    history.replaceState({ ...v, depth: here.depth || 0 }, "", hashOf(v));
  }
}

let travelling = false;

async function travelTo(target) {
  // The browser moved to `target` (Back or Forward): take back answers until the interview is
  // where that entry was. Forward cannot redo an answer, so it shows where the interview is.
  if (travelling) return;
  travelling = true;
  try {
    if (!target || target.view === "start") {
      showStart(true);
      return;
    }
    if (!state.interview) {
      const saved = recalled();
      if (!saved) return showStart(true);
      await resume(saved, false);
    }
    while (state.interview && state.interview.questions_asked > target.asked) {
      const n = state.interview.questions_asked;
      state.interview = await api("POST", `/v1/interviews/${state.interview.id}/back`, { number: n });
    }
    render(state.interview, false);
  } catch (e) {
    await recover(e);
  } finally {
    travelling = false;
  }
}

function goBack() {
  // The page's own Back link: the browser's Back when the previous entry is ours, so both
  // paths behave the same; otherwise take back the last answer directly.
  const here = history.state;
  if (here && here.depth > 0) {
    history.back();
    return;
  }
  const asked = state.interview ? state.interview.questions_asked : 0;
  travelTo({ view: asked > 0 ? "question" : "start", asked: Math.max(0, asked - 1) }).then(() => record(false));
}

// ---------------------------------------------------------------- the start view

function showStart(keepForm) {
  show("start");
  if (!keepForm) clearForm();
  else if (state.interview) {
    // Back to the start: the person's words, age and sex are still there to change.
    const p = state.interview.patient;
    $("text").value = state.text;
    $("age").value = p.age === null || p.age === undefined ? "" : String(p.age);
    for (const r of document.querySelectorAll('input[name="sex"]')) r.checked = r.value === p.sex;
  }
  history.replaceState({ view: "start", asked: 0, depth: (history.state && history.state.depth) || 0 }, "", "#start");
}

function clearForm() {
  $("start-form").reset();
  $("start-error").hidden = true;
}

async function start(event) {
  event.preventDefault();
  const error = $("start-error");
  error.hidden = true;
  notice("");
  const ageText = $("age").value.trim();
  const age = Number(ageText);
  if (!ageText || Number.isNaN(age) || age < 0 || age > 120) {
    error.textContent = "Please give an age between 0 and 120 years.";
    error.hidden = false;
    $("age").focus();
    return;
  }
  const sexInput = document.querySelector('input[name="sex"]:checked');
  const text = $("text").value.trim();
  const body = { age, sex: sexInput ? sexInput.value : null };
  if (text) body.text = text;
  $("start-button").disabled = true;
  try {
    const interview = await api("POST", "/v1/interviews", body);
    state.text = text;
    state.mentions = interview.understood || [];
    state.shownLeft = null;
    render(interview, true);
  } catch (e) {
    error.textContent = e.message;
    error.hidden = false;
  } finally {
    $("start-button").disabled = false;
  }
}

// ---------------------------------------------------------------- a question

function render(interview, push) {
  state.interview = interview;
  remember();
  if (interview.status === "done" && interview.result) {
    renderResult(interview);
  } else {
    renderQuestion(interview);
  }
  record(push);
}

function progressText(step) {
  const asked = step.progress.asked;
  const left = step.progress.remaining_estimate;
  let text = `Question ${asked + 1}`;
  if (left && (state.shownLeft === null || left < state.shownLeft)) {
    text += left === 1 ? " · probably the last one" : ` · about ${left} more`;
    state.shownLeft = left;
  } else if (left) {
    text += " · nearly there";
  }
  return text;
}

function renderQuestion(interview) {
  const step = interview.next;
  const q = step.question;
  show("ask");
  notice("");
  $("ask-error").hidden = true;
  $("question").textContent = q.text;
  $("question-items").replaceChildren(...q.items.map((item) => el("li", item)));
  const withOptions = q.kind === "choice" || q.kind === "checklist";
  $("yes-no").hidden = withOptions;
  $("options").hidden = !withOptions;
  if (withOptions) {
    const list = $("option-list");
    list.replaceChildren();
    const type = q.kind === "checklist" ? "checkbox" : "radio";
    for (const o of q.options) {
      const label = el("label");
      const input = document.createElement("input");
      input.type = type;
      input.name = "option";
      input.value = o.value;
      label.append(input, document.createTextNode(o.text));
      if (o.known) {
        // Already in the person's words: ticked, and it stays ticked.
        input.checked = true;
        input.disabled = true;
        input.dataset.known = "true";
        label.append(el("span", "from your words", "known"));
      }
      list.append(label);
    }
  }
  // One explanation, from the knowledge base: the help text says why the question matters.
  const why = (step.rationale && step.rationale.help) || q.help || "It helps tell the possible causes apart.";
  $("question-help").textContent = q.help && q.help !== why ? q.help : "";
  $("question-help").hidden = !$("question-help").textContent;
  $("why-text").textContent = why;
  const levels = step.rationale ? Object.values(step.rationale.levels || {}) : [];
  const urgent = levels.some((l) => l === "urgent" || l === "emergency");
  $("why-level").textContent = urgent ? "Your answer can change how soon you should see a doctor." : "";
  $("why-level").hidden = !urgent;
  $("why").open = false;
  $("progress").textContent = progressText(step);
  $("back").textContent = step.progress.asked === 0 ? "← Back to the start" : "← Back to the previous question";
  $("question").focus();
}

function chosenOptions() {
  const q = state.interview.next.question;
  // Known options are sent too: the answer then says what the person's words already said.
  const chosen = [...document.querySelectorAll("#option-list input:checked")].map((i) => i.value);
  if (!chosen.length) return q.kind === "checklist" ? "none" : null;
  return chosen.join(",");
}

async function answer(value) {
  const q = state.interview.next.question;
  if (value === null) {
    $("ask-error").textContent = "Please choose one of the options, or answer I don't know.";
    $("ask-error").hidden = false;
    return;
  }
  try {
    const number = state.interview.questions_asked + 1;
    render(await api("POST", `/v1/interviews/${state.interview.id}/answers`, { question: q.id, answer: value, number }), true);
  } catch (e) {
    await recover(e);
  }
}

async function recover(error) {
  // After a failed step: reload the interview as the server has it, and say what happened.
  if (error.status === 404) {
    forget();
    state.interview = null;
    showStart(false);
    notice(error.message + " Please start again.");
    return;
  }
  if (state.interview && state.interview.id && error.status === 409) {
    try {
      render(await api("GET", `/v1/interviews/${state.interview.id}`), false);
      notice(error.message);
      return;
    } catch (e) {
      /* fall through to the message below */
    }
  }
  const box = state.interview && state.interview.status !== "done" ? $("ask-error") : $("start-error");
  box.textContent = error.message;
  box.hidden = false;
}

// ---------------------------------------------------------------- the result

const LEVEL_WORDS = {
  emergency: "an emergency",
  urgent: "see a doctor within a day or two",
  routine: "book an ordinary appointment",
  self_care: "likely harmless",
};

function termText(t) {
  const ev = state.evidence.get(t.finding);
  const what = labelOf(t.finding);
  if (t.state === "present") return ev && ev.from === "text" ? `${what} (from your words)` : what;
  if (ev && ev.from === "interview") return `you answered no to “${what}”`;
  if (ev && ev.from === "text") return `your words say no ${what.toLowerCase()}`;
  return `no ${what.toLowerCase()}`;
}

function reasonItems(triage) {
  // The rule's own plain advice, not finding labels: one line per reason at the final level.
  const seen = new Set();
  const items = [];
  for (const r of triage.reasons.filter((x) => x.level === triage.level)) {
    const advice = r.advice && r.advice !== triage.advice ? r.advice : "";
    const key = `${r.title}|${advice}`;
    if (seen.has(key)) continue;
    seen.add(key);
    items.push(advice ? `${r.title}. ${advice}` : r.title);
  }
  return items.slice(0, 3);
}

function renderResult(interview) {
  const result = interview.result;
  state.evidence = new Map(result.evidence.map((e) => [e.id, e]));
  show("result");
  notice("");
  const triage = result.triage;
  const emergency = triage.level === "emergency";
  const box = $("triage");
  box.className = `triage ${triage.level}`;
  if (emergency) box.setAttribute("role", "alert");
  else box.removeAttribute("role");
  $("triage-label").textContent = triage.label;
  $("result-title").textContent = triage.advice;
  $("triage-reasons").replaceChildren(...reasonItems(triage).map((t) => el("li", t)));

  // Emergency: the number to call and what to do while waiting; nothing reassuring.
  $("call-box").hidden = !emergency;
  $("waiting-box").hidden = !emergency;
  if (emergency) {
    const number = emergencyNumber();
    $("call-number").textContent = number;
    $("call-link").href = `tel:${number}`;
    $("call-note").textContent = `If you cannot call ${number}, go to the nearest emergency department now.`;
    const waiting = state.display ? state.display.emergency_call.while_waiting : [];
    $("waiting").replaceChildren(...waiting.map((w) => el("li", w)));
  }

  const conflicts = interview.conflicts || [];
  $("conflicts-box").hidden = !conflicts.length;
  $("conflicts").replaceChildren(...conflicts.map((c) => el("li", c.text)));

  renderCauses(result, emergency);

  const steps = result.next_steps;
  $("short-next").hidden = emergency;
  const advice = steps.advice !== triage.advice ? steps.advice : "";
  $("next-advice").textContent = advice;
  $("next-advice").hidden = !advice;
  $("selfcare-short").replaceChildren(...steps.self_care.slice(0, 2).map((s) => el("li", s)));
  $("more-selfcare").hidden = steps.self_care.length <= 2;
  $("selfcare").replaceChildren(...steps.self_care.slice(2).map((s) => el("li", s)));
  if (!advice && !steps.self_care.length) $("short-next").hidden = true;
  // At most three tests: the most useful for this level come first from the server.
  const tests = steps.tests.slice(0, 3);
  $("more-tests").hidden = !tests.length;
  $("tests").replaceChildren(...tests.map((t) => el("li", `${t.name}: ${t.why}`)));

  renderTold(interview);
  renderClinician(result);
  for (const d of document.querySelectorAll("#result details")) d.open = false;
  // The knowledge base's disclaimer speaks of harmless twitching: not on an emergency page.
  $("disclaimer").textContent = emergency ? "" : result.disclaimer;
  $("disclaimer").hidden = emergency;
  $("versions").textContent =
    `Interview ${interview.id} · knowledge ${result.knowledge_version} · engine ${result.engine_version}`;
  buildSummary(interview);
  $("result-title").focus();
}

// An exposure-defined cause (HIV, lead, a reliever inhaler...) whose exposure was not asked: it
// holds only if the person has had one of them; said so, never implied that they have.
function onlyIf(c) {
  const unasked = c.exposure_unknown || [];
  if (!unasked.length) return "";
  return `only if this applies to you: ${unasked.map(labelOf).join(" or ")} - not asked yet`;
}

// The causes as a person reads them: a family of causes (kinds of low blood salts, kinds of
// medicine) once, where its likeliest member ranks, with the members' probabilities added;
// each line carries the cause whose reasons it shows (the likeliest member for a family).
function layLines(result) {
  const families = new Map((result.families || []).map((f) => [f.id, f]));
  const byId = new Map(result.conditions.map((c) => [c.id, c]));
  const seen = new Set();
  const lines = [];
  for (const c of result.conditions) {
    const f = c.family ? families.get(c.family) : null;
    if (!f) {
      lines.push({ name: c.name, probability: c.probability, cause: c, members: [] });
    } else if (!seen.has(f.id)) {
      seen.add(f.id);
      const members = f.conditions.map((id) => byId.get(id)).filter(Boolean);
      lines.push({ name: f.name, probability: f.probability, cause: members[0], members });
    }
  }
  return lines.sort((a, b) => b.probability - a.probability);
}

function mostly(line) {
  if (!line.members.length) return "";
  return line.members.map((m, i) => `${i ? "also" : "mostly"}: ${m.name} (${frame(m.probability).amount})`).join("; ");
}

function renderCauses(result, emergency) {
  $("short-causes").hidden = emergency;
  const lines = layLines(result);
  const top = lines.slice(0, 3);
  $("causes").replaceChildren(
    ...top.map((line) => {
      const li = el("li");
      li.append(el("span", line.name, "cause-name"), document.createTextNode(": "),
        el("span", frame(line.probability).text, "cause-freq"));
      const ifHad = onlyIf(line.cause);
      if (ifHad) li.append(el("span", ` (${ifHad})`, "cause-only-if"));
      const within = mostly(line);
      if (within) li.append(el("span", ` (${within})`, "cause-members"));
      return li;
    }),
  );
  const calm = $("reassurance");
  const r = !emergency && result.reassurance.length ? result.reassurance[0] : null;
  calm.hidden = !r;
  if (r) {
    const because = r.against.slice(0, 2).map(termText);
    if (r.rare_at_this_age) because.push("it is rare at your age");
    calm.textContent = `${r.name} is unlikely here: ${frame(r.probability).amount}. ` +
      (because.length ? `What speaks against it: ${because.join("; ")}.` : "");
  }
  // Details: what speaks for and against the top causes; a feared cause always with its base
  // rate and what speaks against it.
  const feared = new Set(result.reassurance.map((x) => x.condition));
  const als = result.conditions.find((c) => c.id === "als");
  const detailed = [...top];
  if (als && !detailed.some((line) => line.cause === als)) {
    detailed.push({ name: als.name, probability: als.probability, cause: als, members: [] });
  }
  $("why-causes").replaceChildren(
    ...detailed.map((line) => {
      const c = line.cause;
      const card = el("div", null, "cause-card");
      card.append(el("h3", line.name));
      const list = el("ul");
      const within = mostly(line);
      if (within) list.append(el("li", within, "members"));
      const ifHad = onlyIf(c);
      if (ifHad) list.append(el("li", `Only if: ${ifHad}`, "only-if"));
      for (const t of c.for.slice(0, 3)) list.append(el("li", `For: ${termText(t)}`, "for"));
      for (const t of c.against.slice(0, 3)) list.append(el("li", `Against: ${termText(t)}`, "against"));
      if (!c.against.length && (c.id === "als" || feared.has(c.id))) {
        list.append(el("li", "Against: nothing you told us yet", "against"));
      }
      if (c.id === "als" || feared.has(c.id)) {
        list.append(el("li", `For comparison: ${frame(c.prior, "base_rate").text}.`));
      }
      card.append(list);
      return card;
    }),
  );
  $("all-causes").replaceChildren(
    ...lines.map((line) => {
      const within = mostly(line);
      return el("li", `${line.name}: ${frame(line.probability).amount}` + (within ? ` (${within})` : ""));
    }),
  );
}

function renderTold(interview) {
  const box = $("understood-box");
  box.hidden = !state.text;
  if (state.text) {
    const quote = $("understood-text");
    quote.replaceChildren();
    const spans = [...state.mentions].sort((a, b) => a.start - b.start);
    let at = 0;
    for (const m of spans) {
      if (m.start < at) continue;
      quote.append(document.createTextNode(state.text.slice(at, m.start)));
      quote.append(el("mark", state.text.slice(m.start, m.end)));
      at = m.end;
    }
    quote.append(document.createTextNode(state.text.slice(at)));
    $("understood-list").replaceChildren(
      ...spans.map((m) => {
        const said = m.state === "absent" ? "no" : m.state === "unknown" ? "not sure" : "yes";
        return el("li", `“${m.quote || m.phrase}”: ${labelOf(m.finding)} (${said})`);
      }),
    );
  }
  const answers = interview.answers.map((a) => el("li", `${a.text} ${answerWords(a)}`));
  if (!answers.length) answers.push(el("li", "No questions were needed."));
  $("answers-list").replaceChildren(...answers);
}

function answerWords(a) {
  const v = a.answer;
  if (v === "yes") return "Yes.";
  if (v === "no") return "No.";
  if (v === "unknown") return "Not sure.";
  if (v === "none") return "None of these.";
  return v.split(",").map(labelOf).join(", ") + ".";
}

function renderClinician(result) {
  const wrap = $("clinician");
  const table = el("table");
  const head = el("tr");
  head.append(el("th", "Cause (clinical)"), el("th", "Posterior"), el("th", "Care"));
  table.append(head);
  for (const c of result.conditions.slice(0, 8)) {
    const row = el("tr");
    row.append(el("td", c.clinical_name), el("td", `${(c.probability * 100).toFixed(1)} %`), el("td", c.care));
    table.append(row);
  }
  const findings = el("ul");
  for (const e of result.evidence.filter((x) => x.state !== "unknown")) {
    findings.append(el("li", `${clinicianLabelOf(e.id)}: ${e.state} (${e.from})`));
  }
  const note = el("p", "Engine posteriors are uncapped; the person sees capped natural frequencies.", "help");
  wrap.replaceChildren(table, el("h3", "Findings"), findings, note);
}

// ---------------------------------------------------------------- the doctor's summary (print)

function buildSummary(interview) {
  const result = interview.result;
  const s = $("summary");
  s.replaceChildren();
  const triage = result.triage;
  s.append(el("h1", "twitchcheck: summary for your doctor"));
  const meta = el("div", null, "meta");
  const p = result.patient || interview.patient;
  meta.append(
    el("span", `Date: ${new Date().toLocaleDateString("en-GB", { year: "numeric", month: "long", day: "numeric" })}`),
    el("span", `Age: ${p.age === null || p.age === undefined ? "not given" : p.age}`),
    el("span", `Sex: ${p.sex || "not given"}`),
  );
  s.append(meta);
  s.append(el("h2", "In their own words"));
  s.append(el("p", state.text ? `“${state.text}”` : "(no description given, or not kept in this browser)"));
  s.append(el("h2", `Triage: ${triage.label} (${LEVEL_WORDS[triage.level] || triage.level})`));
  const reasons = el("ul");
  for (const r of triage.reasons.filter((x) => x.level === triage.level).slice(0, 4)) {
    const found = r.findings.map(clinicianLabelOf).join(", ");
    reasons.append(el("li", found ? `${r.title} (${found}); source: ${r.source}` : `${r.title}; source: ${r.source}`));
  }
  s.append(reasons);
  s.append(el("h2", "Answers given"));
  const answers = el("ol", null, "cols");
  for (const a of interview.answers) answers.append(el("li", `${a.text} ${answerWords(a)}`));
  if (!interview.answers.length) answers.append(el("li", "No questions were needed."));
  s.append(answers);
  if ((interview.conflicts || []).length) {
    s.append(el("h2", "Words and answers that differ"));
    const c = el("ul");
    for (const x of interview.conflicts) c.append(el("li", x.text));
    s.append(c);
  }
  s.append(el("h2", "Findings"));
  const present = result.evidence.filter((e) => e.state === "present").map((e) => clinicianLabelOf(e.id));
  const absent = result.evidence.filter((e) => e.state === "absent").map((e) => clinicianLabelOf(e.id));
  s.append(el("p", `Present: ${present.join("; ") || "none"}.`));
  s.append(el("p", `Absent: ${absent.join("; ") || "none"}.`, "small"));
  s.append(el("h2", "Most likely causes (estimates from self-report, not a diagnosis)"));
  const causes = el("ol");
  for (const c of result.conditions.slice(0, 3)) {
    const term = (t) => (t.state === "absent" ? "no " : "") + clinicianLabelOf(t.finding);
    const key = c.for.slice(0, 2).map(term).join(", ");
    const against = c.against.slice(0, 1).map(term).join(", ");
    causes.append(el("li",
      `${c.clinical_name}: ${(c.probability * 100).toFixed(0)} %` +
      (key ? `; for: ${key}` : "") + (against ? `; against: ${against}` : "")));
  }
  s.append(causes);
  const tests = result.next_steps.tests.slice(0, 4).map((t) => t.name);
  if (tests.length) s.append(el("p", `Tests to consider: ${tests.join("; ")}.`));
  s.append(el("p",
    `Interview ${interview.id} · knowledge ${result.knowledge_version} · engine ${result.engine_version}. ` +
    "twitchcheck is decision support, not a diagnosis.", "small"));
}

// ---------------------------------------------------------------- delete, start again, resume

async function deleteAnswers() {
  const id = state.interview && state.interview.id;
  if (!id) return;
  try {
    await api("DELETE", `/v1/interviews/${id}`);
  } catch (e) {
    if (e.status !== 404) {
      notice(`Your answers could not be deleted: ${e.message}`);
      return;
    }
  }
  clearEverything();
  notice("Your answers and the record of this result have been deleted from this server.");
}

function clearEverything() {
  forget();
  state.interview = null;
  state.text = "";
  state.mentions = [];
  state.shownLeft = null;
  for (const id of ["causes", "all-causes", "why-causes", "answers-list", "understood-text",
    "understood-list", "summary", "conflicts", "triage-reasons", "clinician", "option-list"]) {
    $(id).replaceChildren();
  }
  showStart(false);
  $("text").focus();
}

async function resume(saved, show) {
  state.text = saved.text || "";
  state.mentions = saved.mentions || [];
  const interview = await api("GET", `/v1/interviews/${saved.id}`);
  if (show) render(interview, false);
  else state.interview = interview;
}

async function loadFindings() {
  try {
    const list = await api("GET", "/v1/findings");
    state.findings = new Map(list.map((f) => [f.id, f]));
  } catch (e) {
    state.findings = new Map();
  }
}

async function loadDisplay() {
  try {
    state.display = await api("GET", "/v1/display");
  } catch (e) {
    state.display = null;
  }
}

document.addEventListener("DOMContentLoaded", async () => {
  $("start-form").addEventListener("submit", start);
  for (const b of document.querySelectorAll("button.answer")) {
    b.addEventListener("click", () => answer(b.dataset.answer));
  }
  $("options-done").addEventListener("click", () => answer(chosenOptions()));
  $("back").addEventListener("click", goBack);
  $("print").addEventListener("click", () => window.print());
  $("delete").addEventListener("click", deleteAnswers);
  $("restart").addEventListener("click", clearEverything);
  window.addEventListener("popstate", (event) => travelTo(event.state));
  await Promise.all([loadFindings(), loadDisplay()]);
  const saved = recalled();
  if (saved && saved.id) {
    try {
      await resume(saved, true);
      document.body.dataset.ready = "true";
      return;
    } catch (e) {
      forget();
      notice("Your earlier interview is no longer stored on this server. Please start again.");
    }
  }
  history.replaceState({ view: "start", asked: 0, depth: 0 }, "", location.pathname);
  document.body.dataset.ready = "true";
});
