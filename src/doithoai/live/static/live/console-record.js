// The speaker's record on the secretary's console and the chair's tablet, and the queue's
// buttons (console.js sends every change and polls the state).
//
// The record follows whoever has the floor: when someone is called, on this device or
// another, the panel shows him; what was typed for the one before stays on this device as a
// draft and is never left open for the new words. Chosen by hand, another record shows a bar
// with one tap back to the speaker. A finished speaker's record comes locked while another
// speaks (one tap opens it). Without a connection, a speaker called meanwhile is recorded in
// this device's own form, sent with everything else when the connection is back.
(function () {
  "use strict";
  const live = window.doithoaiLive;
  const record = document.getElementById("speaker-record");
  if (!live || !record) return;
  const root = live.root;
  const bar = document.getElementById("follow-bar");
  const DRAFTS = "doithoai-live:" + root.dataset.conference + ":draft:";
  const CALLS = ["call_next", "call_now"];
  let selected = root.dataset.selected || "";
  let speaker = selected || "0"; // who has the floor, as this device last knew
  let heardSig = null; // the heard panel's signature: another device recorded or answered
  let stale = false;
  let unlocked = ""; // a finished speaker's record opened by hand
  const fetched = {}; // the last record fetched of each speaker, for a dropped connection

  function rowOf(pk) {
    return root.querySelector('ol.queue li[data-registration="' + pk + '"]');
  }
  function shown() {
    const element = record.querySelector("[data-registration]");
    return element ? element.dataset.registration : "";
  }
  function hasDraft(pk) {
    const mark = ":" + pk + ":";
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key.indexOf(DRAFTS) === 0 && key.slice(DRAFTS.length).indexOf(mark) >= 0 &&
          localStorage.getItem(key)) return true;
    }
    return false;
  }

  // --- following the floor -------------------------------------------------------------
  function follow(pk) {
    const left = shown();
    const typed = live.typing(record);
    if (pk !== selected) unlocked = "";
    selected = pk;
    stale = true;
    if (left && left !== pk && (typed || hasDraft(left))) live.say(root.dataset.kept, false);
  }

  function select(pk) {
    if (!pk || pk === "0") return Promise.resolve();
    if (pk !== selected) unlocked = "";
    selected = pk;
    stale = true;
    return loadSpeaker();
  }

  root.addEventListener("live:state", function (event) {
    const content = event.detail;
    const heard = content.querySelector("#panel-heard");
    const sig = heard ? heard.dataset.sig : "";
    if (heardSig !== null && sig !== heardSig) stale = true;
    heardSig = sig;
    const now = content.querySelector("[data-speaker-now]");
    const current = now ? now.dataset.speakerNow : "0";
    // A call made here is still on its way: the state read may be older than it.
    const calling = live.load(live.OUTBOX, []).some(function (e) {
      return CALLS.indexOf(e.action) >= 0;
    });
    if (current !== speaker && !calling) {
      speaker = current;
      if (current !== "0") follow(current);
      stale = true;
    }
    if (stale) loadSpeaker();
    showBar();
  });

  root.addEventListener("live:sent", function (event) {
    const entry = event.detail.entry, data = event.detail.data;
    // A call this device already showed (made without a connection) is not followed again.
    if (CALLS.indexOf(entry.action) >= 0 && data.selected &&
        String(data.selected) !== String(entry.predicted || "")) {
      speaker = String(data.selected);
      follow(speaker);
    }
    stale = true; // loaded at the poll that follows
  });
  root.addEventListener("live:refused", function () { stale = true; });

  async function loadSpeaker() {
    const want = selected;
    const same = shown() === want;
    if (same && live.typing(record)) return; // stays stale: the next poll tries again
    stale = false;
    if (!want || want === "0") return;
    const url = root.dataset.speaker.replace(/\/0\/$/, "/" + want + "/") +
      "?view=" + encodeURIComponent(root.dataset.view);
    let html = null;
    try {
      const response = await fetch(url, { credentials: "same-origin", cache: "no-store" });
      if (response.ok && !response.redirected) html = await response.text();
    } catch (e) {
      html = null;
    }
    if (want !== selected) return; // another was chosen meanwhile
    if (html === null) {
      stale = true;
      if (!same) showOffline(want);
      showBar();
      return;
    }
    if (shown() === want && live.typing(record)) {
      stale = true;
      return;
    }
    fetched[want] = html;
    // A section opened in this record (an outcome's form) stays open when it is refreshed.
    const opened = same ? Array.from(record.querySelectorAll("details[open]"), detailsKey) : [];
    record.innerHTML = html;
    record.querySelectorAll("details").forEach(function (details) {
      if (opened.indexOf(detailsKey(details)) >= 0) details.open = true;
    });
    live.restoreDrafts(record);
    if (unlocked === want) unlock();
    showBar();
  }

  function detailsKey(details) {
    const summary = details.querySelector("summary");
    return details.id || (summary ? summary.textContent.trim() : "");
  }

  // The one at the floor, as the page names him (with his confidentiality mark).
  function label(pk) {
    const floor = root.querySelector("#panel-floor [data-speaker-now]");
    if (floor && floor.dataset.speakerNow === pk) {
      const name = floor.querySelector(".name");
      if (name) return name.cloneNode(true).childNodes;
    }
    const row = rowOf(pk);
    if (row) return row.querySelector(".who").cloneNode(true).childNodes;
    const heard = root.querySelector('#panel-heard [data-select="' + pk + '"]');
    return heard ? [document.createTextNode(heard.textContent)] : [];
  }

  function showBar() {
    if (!bar) return;
    const away = speaker !== "0" && !!selected && selected !== speaker;
    bar.hidden = !away;
    if (!away) return;
    bar.querySelector("button").dataset.select = speaker;
    const who = bar.querySelector(".who");
    who.textContent = "";
    Array.from(label(speaker)).forEach(function (node) { who.appendChild(node); });
  }

  // --- without a connection -------------------------------------------------------------
  function showOffline(pk) {
    const row = rowOf(pk);
    const prior = row && row.dataset.source === "prior";
    const template = document.getElementById(prior ? "offline-prior" : "offline-record");
    if (row && template) {
      record.innerHTML = template.innerHTML.split("__pk__").join(pk);
      const name = record.querySelector(".name");
      Array.from(label(pk)).forEach(function (node) { name.appendChild(node); });
      // A complaint or denunciation by its registered words starts as one (a draft typed
      // before, restored below, keeps what the secretary chose).
      const kind = record.querySelector("select[name=kind]");
      if (kind && row.dataset.kind) kind.value = row.dataset.kind;
    } else if (fetched[pk]) {
      record.innerHTML = fetched[pk];
    } else {
      record.textContent = "";
      const problem = document.createElement("p");
      problem.className = "form-problem";
      problem.textContent = root.dataset.notLoaded;
      record.appendChild(problem);
    }
    live.restoreDrafts(record);
  }

  // A call made here and not yet taken by the server: this device shows the one it will call
  // (the first waiting, or the one tapped) as speaking, so that his words can be typed.
  function predict(entry) {
    if (CALLS.indexOf(entry.action) < 0 || entry.predicted) return;
    let pk = entry.action === "call_now" ? entry.fields.registration : "";
    if (!pk) {
      const first = root.querySelector("ol.queue li[data-registration]:not(.called-here)");
      pk = first ? first.dataset.registration : "";
    }
    if (!pk) return;
    const outbox = live.load(live.OUTBOX, []);
    outbox.forEach(function (e) { if (e.key === entry.key) e.predicted = pk; });
    live.store(live.OUTBOX, outbox);
    entry.predicted = pk;
    calledHere(pk);
  }

  function calledHere(pk) {
    const named = Array.from(label(pk));
    const row = rowOf(pk);
    if (row && !row.classList.contains("called-here")) {
      row.classList.add("called-here");
      if (picked === pk) closeSheet();
      const mark = document.createElement("span");
      mark.className = "badge warn";
      mark.textContent = root.dataset.calledHere;
      row.querySelector(".who").appendChild(mark);
    }
    // The next call from this device names him as the one at the floor.
    root.querySelectorAll("input[name=seen_speaker]").forEach(function (input) {
      input.value = pk;
    });
    root.querySelectorAll("#panel-floor, #panel-queue").forEach(function (panel) {
      panel.dataset.sig = ""; // replaced by the server's at the next poll
    });
    const floor = root.querySelector("#panel-floor .speaker-now");
    if (floor) {
      floor.classList.add("predicted"); // the one shown at the floor has finished here
      let note = floor.querySelector(".called-here-note");
      if (!note) {
        note = document.createElement("p");
        note.className = "called-here-note";
        floor.insertBefore(note, floor.firstChild);
      }
      note.textContent = root.dataset.calledHere + ": ";
      named.forEach(function (node) { note.appendChild(node); });
    }
    speaker = pk;
    follow(pk);
    loadSpeaker();
  }

  root.addEventListener("live:queued", function (event) {
    if (live.offline()) predict(event.detail);
  });
  root.addEventListener("live:unsent", function (event) {
    event.detail.forEach(predict);
  });

  // --- the queue by touch ----------------------------------------------------------------
  // A waiting row tapped opens the sheet of what can be done to him (one sheet for the whole
  // queue, outside the polled list); leaving the registration order or withdrawing asks
  // for the reason first.
  const sheet = document.getElementById("row-sheet");
  const sheetForm = sheet ? sheet.querySelector("form") : null;
  let picked = "";

  function openSheet(pk) {
    if (!sheet) return;
    picked = pk;
    sheetForm.querySelector("[name=registration]").value = pk;
    const reason = sheetForm.querySelector("[name=reason]");
    reason.value = "";
    live.restoreDrafts(sheetForm); // this row's reason, when one was chosen before
    sheetForm.querySelector(".reason-ask").hidden = true;
    sheetForm.querySelector("fieldset.reason").hidden = !reason.value;
    sheet.hidden = false;
    syncSheet();
    inSight();
  }
  // The row picked stays in sight above the sheet.
  function inSight() {
    const row = rowOf(picked);
    if (!row) return;
    const box = row.getBoundingClientRect();
    const free = window.innerHeight - sheet.offsetHeight;
    if (box.bottom > free) window.scrollBy(0, box.bottom - free + 12);
    else if (box.top < 0) window.scrollBy(0, box.top - 12);
  }
  function closeSheet() {
    if (!sheet) return;
    picked = "";
    sheet.hidden = true;
    syncSheet();
  }
  // After every poll: the row picked is marked again; its place decides what may be tapped.
  function syncSheet() {
    root.querySelectorAll("ol.queue li[data-registration]").forEach(function (li) {
      const on = li.dataset.registration === picked;
      li.classList.toggle("picked", on);
      const pick = li.querySelector(".queue-pick");
      if (pick) pick.setAttribute("aria-expanded", on ? "true" : "false");
    });
    root.classList.toggle("sheet-open", !!picked);
    if (!picked) {
      root.style.paddingBottom = "";
      return;
    }
    const row = rowOf(picked);
    if (!row) {
      closeSheet(); // called, withdrawn or gone on another device
      return;
    }
    const rows = Array.from(root.querySelectorAll("ol.queue li[data-registration]"));
    const index = rows.indexOf(row);
    const who = sheet.querySelector(".who");
    who.textContent = "";
    Array.from(label(picked)).forEach(function (node) { who.appendChild(node); });
    const name = who.querySelector("strong");
    if (name) name.setAttribute("data-says", ""); // names him in the changes waiting to be sent
    const button = function (selector) { return sheetForm.querySelector(selector); };
    button('[data-action=step][value="-1"]').disabled = index === 0;
    button('[data-action=step][value="1"]').disabled = index === rows.length - 1;
    const call = button("[data-action=call_now]");
    call.toggleAttribute("data-needs-reason", index > 0);
    button("[data-action=confidential]").hidden = row.hasAttribute("data-confidential");
    const offline = button("[data-record-offline]");
    if (offline) offline.hidden = row.dataset.source === "prior";
    root.style.paddingBottom = sheet.offsetHeight + "px";
  }
  root.addEventListener("live:state", syncSheet);

  root.addEventListener("submit", function (event) {
    const submitter = event.submitter;
    const form = event.target;
    if (form !== sheetForm) return;
    form.querySelector("[name=seen_speaker]").value = speaker;
    const ask = form.querySelector(".reason-ask");
    const reason = form.querySelector("[name=reason]");
    if (submitter && submitter.hasAttribute("data-needs-reason") && !reason.value.trim()) {
      event.preventDefault();
      event.stopPropagation(); // nothing is sent
      ask.textContent = submitter.dataset.ask;
      ask.hidden = false;
      form.querySelector("fieldset.reason").hidden = false;
      syncSheet();
      inSight();
      return;
    }
    ask.hidden = true;
    if (!submitter || submitter.dataset.action !== "step") {
      // The row leaves the queue (or is only marked): the sheet closes after this change.
      setTimeout(closeSheet, 0);
    }
  }, true);

  // Enter in the reason would press the sheet's first button (call now): it does nothing.
  // --- the public copy of an answer being typed -------------------------------------------
  // Recorded, an answer in the hall is published at once: while it is typed, the names it
  // would publish are shown masked (nothing when offline or nothing to mask).
  let previewTimer = null;
  root.addEventListener("input", function (event) {
    const form = event.target.closest("form[data-action=answer]");
    const box = form && form.querySelector("[data-preview]");
    if (!box) return;
    clearTimeout(previewTimer);
    previewTimer = setTimeout(async function () {
      if (live.offline()) return;
      const query = new URLSearchParams({
        text: form.elements.text.value, addition: form.elements.addition.value});
      try {
        const response = await fetch(box.dataset.preview + "?" + query, {
          credentials: "same-origin", cache: "no-store"});
        if (response.ok) box.innerHTML = await response.text();
      } catch (error) { /* the connection dropped: the preview waits for the next key */ }
    }, 400);
  });

  root.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && sheetForm && event.target.form === sheetForm) {
      event.preventDefault();
    }
  });

  root.addEventListener("click", function (event) {
    const pick = event.target.closest(".queue-pick");
    if (pick) {
      const pk = pick.closest("li").dataset.registration;
      if (pk === picked) closeSheet(); else openSheet(pk);
      return;
    }
    if (event.target.closest("[data-sheet-close]")) {
      closeSheet();
      return;
    }
    const chip = event.target.closest("[data-reason]");
    if (chip) {
      const reason = chip.closest("form").querySelector("[name=reason]");
      reason.value = chip.dataset.reason;
      reason.dispatchEvent(new Event("input", { bubbles: true })); // kept as a draft
      sheetForm.querySelector(".reason-ask").hidden = true;
      return;
    }
    if (event.target.closest("[data-record-offline]")) {
      // The chair called him while this device had no connection.
      speaker = picked;
      closeSheet();
      follow(speaker);
      loadSpeaker();
      return;
    }
    if (event.target.closest("[data-unlock]")) {
      unlocked = selected;
      unlock();
      const first = record.querySelector("textarea");
      if (first) first.focus();
      return;
    }
    const button = event.target.closest("[data-select]");
    if (!button || !button.dataset.select) return;
    const fromList = !bar || !bar.contains(button);
    select(button.dataset.select).then(function () {
      // On a tablet the record is far from the list: bring it into view.
      if (fromList) document.getElementById("record-panel").scrollIntoView({ behavior: "smooth" });
    });
  });

  function unlock() {
    record.querySelectorAll("fieldset.record-lock").forEach(function (f) { f.disabled = false; });
    record.querySelectorAll(".record-locked").forEach(function (note) { note.hidden = true; });
  }

  if (selected) loadSpeaker();
})();
