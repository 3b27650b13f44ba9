// twitchcheck page: start an interview, answer one question at a time, show the result.
// Talks only to this server's /v1 API. Builds the DOM with textContent (never innerHTML),
// so nothing a person types can become markup.
"use strict";

const $ = (id) => document.getElementById(id);
const state = { interview: null, text: "", mentions: [] };

function show(section) {
  for (const id of ["start", "ask", "result"]) $(id).hidden = id !== section;
}

function el(tag, text, cls) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  if (cls) node.className = cls;
  return node;
}

async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: body ? { "Content-Type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    const detail = data && data.detail ? data.detail : `The service answered ${response.status}.`;
    throw new Error(detail);
  }
  return data;
}

function percent(p) {
  if (p < 0.001) return "less than 0.1%";
  if (p < 0.1) return `${(p * 100).toFixed(1)}%`;
  return `${Math.round(p * 100)}%`;
}

function render(interview) {
  state.interview = interview;
  if (interview.understood && interview.understood.length) state.mentions = interview.understood;
  if (interview.status === "done" && interview.result) {
    renderResult(interview.result);
    return;
  }
  const step = interview.next;
  const q = step.question;
  show("ask");
  $("ask-error").hidden = true;
  $("question").textContent = q.text;
  $("question-help").textContent = q.help || "";
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
      list.append(label);
    }
  }
  $("why-text").textContent = step.rationale ? step.rationale.text : "It helps tell the possible causes apart.";
  $("why").open = false;
  const asked = step.progress.asked;
  const left = step.progress.remaining_estimate;
  $("progress").textContent =
    left ? `Question ${asked + 1} · at most about ${left} more` : `Question ${asked + 1}`;
  $("back").hidden = asked === 0;
  $("question").focus();
}

function chosenOptions() {
  const q = state.interview.next.question;
  const chosen = [...document.querySelectorAll('#option-list input:checked')].map((i) => i.value);
  if (!chosen.length) return q.kind === "checklist" ? "none" : null;
  return chosen.join(",");
}

function labelOf(finding) {
  const f = state.findings && state.findings.get(finding);
  return f ? f.label : finding.replaceAll("_", " ");
}

function termText(t) {
  const what = labelOf(t.finding);
  return t.state === "present" ? what : `you said no to “${what}”`;
}

function renderUnderstood() {
  const box = $("understood-box");
  if (!state.text || !state.mentions.length) {
    box.hidden = true;
    return;
  }
  box.hidden = false;
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
  const list = $("understood-list");
  list.replaceChildren();
  for (const m of spans) {
    const said = m.state === "absent" ? "not present" : m.state === "unknown" ? "not sure" : "present";
    list.append(el("li", `You wrote “${m.quote || m.phrase}” → ${labelOf(m.finding)}: ${said}`));
  }
}

function renderResult(result) {
  show("result");
  const triage = result.triage;
  const box = $("triage");
  box.className = `triage ${triage.level}`;
  box.setAttribute("role", triage.level === "emergency" ? "alert" : "region");
  $("triage-label").textContent = triage.label;
  $("result-title").textContent = triage.advice;
  const reasons = $("triage-reasons");
  reasons.replaceChildren();
  for (const r of triage.reasons.filter((x) => x.level === triage.level)) {
    const found = r.findings.map(labelOf).join(", ");
    reasons.append(el("li", found ? `${r.title}: ${found}` : r.title));
  }
  renderUnderstood();

  const calm = $("reassurance");
  calm.hidden = !result.reassurance.length;
  if (result.reassurance.length) {
    const r = result.reassurance[0];
    const because = r.against.slice(0, 3).map(termText);
    if (r.rare_at_this_age) because.push("it is rare at your age");
    calm.textContent = `${r.name} is unlikely here (${percent(r.probability)}): ${because.join("; ")}.`;
  }

  const causes = $("causes");
  causes.replaceChildren();
  for (const c of result.conditions.slice(0, 5)) {
    const li = el("li");
    const head = el("div", null, "cause-head");
    head.append(el("span", c.name), el("span", `${percent(c.probability)} · ${c.words}`));
    const bar = el("div", null, "bar");
    const fill = el("span");
    fill.style.width = `${Math.max(1, Math.round(c.probability * 100))}%`;
    bar.append(fill);
    bar.setAttribute("role", "img");
    bar.setAttribute("aria-label", `${percent(c.probability)} likely`);
    li.append(head, bar);
    const reasons = el("ul", null, "cause-reasons");
    for (const t of c.for.slice(0, 3)) reasons.append(el("li", `For: ${termText(t)}`, "for"));
    for (const t of c.against.slice(0, 3)) reasons.append(el("li", `Against: ${termText(t)}`, "against"));
    if (reasons.children.length) li.append(reasons);
    causes.append(li);
  }

  const steps = result.next_steps;
  $("next-advice").textContent = steps.advice;
  $("tests-box").hidden = !steps.tests.length;
  $("tests").replaceChildren(...steps.tests.map((t) => el("li", `${t.name} — ${t.why}`)));
  $("selfcare-box").hidden = !steps.self_care.length;
  $("selfcare").replaceChildren(...steps.self_care.map((s) => el("li", s)));
  $("disclaimer").textContent = result.disclaimer;
  $("versions").textContent = `Knowledge ${result.knowledge_version} · engine ${result.engine_version}`;
  $("result-title").focus();
}

async function start(event) {
  event.preventDefault();
  const error = $("start-error");
  error.hidden = true;
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
  state.text = text;
  state.mentions = [];
  const body = { age, sex: sexInput ? sexInput.value : null };
  if (text) body.text = text;
  try {
    render(await api("POST", "/v1/interviews", body));
  } catch (e) {
    error.textContent = e.message;
    error.hidden = false;
  }
}

async function answer(value) {
  const q = state.interview.next.question;
  if (value === null) {
    $("ask-error").textContent = "Please choose one of the options, or answer I don't know.";
    $("ask-error").hidden = false;
    return;
  }
  try {
    render(await api("POST", `/v1/interviews/${state.interview.id}/answers`, { question: q.id, answer: value }));
  } catch (e) {
    $("ask-error").textContent = e.message;
    $("ask-error").hidden = false;
  }
}

async function back() {
  try {
    render(await api("POST", `/v1/interviews/${state.interview.id}/back`));
  } catch (e) {
    $("ask-error").textContent = e.message;
    $("ask-error").hidden = false;
  }
}

async function loadFindings() {
  try {
    const list = await api("GET", "/v1/findings");
    state.findings = new Map(list.map((f) => [f.id, f]));
  } catch (e) {
    state.findings = new Map();
  }
}

document.addEventListener("DOMContentLoaded", () => {
  loadFindings();
  $("start-form").addEventListener("submit", start);
  for (const b of document.querySelectorAll("button.answer")) {
    b.addEventListener("click", () => answer(b.dataset.answer));
  }
  $("options-done").addEventListener("click", () => answer(chosenOptions()));
  $("back").addEventListener("click", back);
  $("print").addEventListener("click", () => window.print());
  $("restart").addEventListener("click", () => {
    state.interview = null;
    show("start");
    $("text").focus();
  });
});
