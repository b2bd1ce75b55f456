// The secretary's console and the chair's tablet.
//
// A hall's Wi-Fi drops: every change goes into an outbox kept in this browser (localStorage)
// with a key of its own, and is sent in order until the server has taken it; the server does
// a change sent twice once. Whatever is typed is kept as a draft in the browser until it is
// sent, and survives a reload. The state (programme, floor, queue, heard, minutes) is polled
// every two seconds; a panel is replaced only when it changed and nobody is typing in it.
// The speaker's record and the queue's buttons are console-record.js: it hears this file's
// events on the page's root ("live:queued", "live:sent", "live:refused", "live:unsent",
// "live:state") and uses the helpers it shares (window.doithoaiLive).
(function () {
  "use strict";
  const root = document.getElementById("live");
  if (!root) return;
  const PREFIX = "doithoai-live:" + root.dataset.conference + ":";
  const OUTBOX = PREFIX + "outbox";
  const POLL_MS = 2000;
  const RETRY_MS = 3000;
  let flushing = false;
  let skew = 0; // server clock minus this device's clock, in seconds

  const connection = document.getElementById("connection");
  const notice = document.getElementById("notice");
  const refused = document.getElementById("refused");
  // What each kind of change is called in the list of changes waiting to be sent.
  const labels = JSON.parse(document.getElementById("action-labels").textContent);

  function load(key, fallback) {
    try {
      const value = JSON.parse(localStorage.getItem(key));
      return value === null ? fallback : value;
    } catch (e) {
      return fallback;
    }
  }
  function store(key, value) {
    localStorage.setItem(key, JSON.stringify(value));
  }
  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 12);
  }
  function csrf() {
    const input = root.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  // --- drafts: what is typed, kept until sent ---------------------------------------------
  function formKey(form) {
    const reg = form.querySelector("[name=registration]");
    return form.dataset.action + ":" + (reg ? reg.value : "") + ":" + (form.id || "");
  }
  function draftKey(field) {
    return PREFIX + "draft:" + formKey(field.form) + ":" + field.name;
  }
  function restoreDrafts(container) {
    container.querySelectorAll("[data-keep]").forEach(function (field) {
      if (!field.form) return;
      const value = localStorage.getItem(draftKey(field));
      if (value !== null) field.value = value;
    });
  }
  function clearDrafts(keys) {
    (keys || []).forEach(function (key) { localStorage.removeItem(key); });
  }
  root.addEventListener("input", function (event) {
    const field = event.target;
    if (field.matches("[data-keep]") && field.form) {
      localStorage.setItem(draftKey(field), field.value);
    }
  });
  root.addEventListener("change", function (event) {
    const field = event.target;
    if (field.matches("[data-keep]") && field.form) {
      localStorage.setItem(draftKey(field), field.value);
    }
  });

  // --- connection and messages -------------------------------------------------------------
  function emit(name, detail) {
    root.dispatchEvent(new CustomEvent(name, { detail: detail }));
  }
  function setOnline(online) {
    connection.classList.toggle("online", online);
    connection.classList.toggle("offline", !online);
    root.classList.toggle("offline", !online);
    const text = connection.querySelector(".text");
    text.textContent = online ? text.dataset.online : text.dataset.offline;
    showPending();
  }
  function describe(entry) {
    if (entry.said !== undefined) return entry.said;
    const typed = Object.keys(entry.fields)
      .filter(function (name) { return name !== "csrfmiddlewaretoken" && entry.fields[name]; })
      .map(function (name) { return entry.fields[name]; })
      .filter(function (value) { return !/^-?\d+$/.test(value); });
    return typed.join(" — ");
  }
  let loggedOut = false;
  function setLoggedOut(value) {
    loggedOut = value;
    const login = document.getElementById("login-again");
    if (login) login.hidden = !value;
    connection.classList.toggle("offline", value || connection.classList.contains("offline"));
  }
  function showPending() {
    const outbox = load(OUTBOX, []);
    const count = outbox.length;
    const list = document.getElementById("pending-list");
    if (list) {
      list.textContent = "";
      outbox.forEach(function (entry) {
        const item = document.createElement("li");
        item.textContent = (labels[entry.action] || entry.action) +
          (describe(entry) ? ": " + describe(entry) : "");
        list.appendChild(item);
      });
      list.hidden = !count;
    }
    const text = connection.querySelector(".text");
    connection.querySelector(".pending").textContent =
      count ? "— " + count + " " + text.dataset.pending : "";
  }
  function say(message, bad) {
    if (!message) return;
    notice.textContent = message;
    notice.classList.toggle("bad", !!bad);
    notice.hidden = false;
    clearTimeout(say.timer);
    say.timer = setTimeout(function () { notice.hidden = true; }, bad ? 12000 : 5000);
  }
  function showRefused(entry, error) {
    const item = document.createElement("li");
    const what = document.createElement("strong");
    what.textContent = error;
    item.appendChild(what);
    if (describe(entry)) {
      const kept = document.createElement("div");
      kept.textContent = describe(entry);
      item.appendChild(kept);
    }
    refused.querySelector("ul").appendChild(item);
    refused.hidden = false;
    say(error, true);
  }

  // --- the outbox --------------------------------------------------------------------------
  root.addEventListener("submit", function (event) {
    const form = event.target;
    if (!form.dataset.action) return;
    event.preventDefault();
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) return;
    // A form of several buttons (a queue row's): the button pressed names the change.
    const submitter = event.submitter;
    const action = (submitter && submitter.dataset.action) || form.dataset.action;
    const fields = {};
    new FormData(form).forEach(function (value, name) { fields[name] = String(value); });
    if (submitter && submitter.name) fields[submitter.name] = submitter.value;
    // A "sticky" field (the reason of a queue row) stays for the next step up or down.
    const drafts = Array.prototype.filter.call(form.querySelectorAll("[data-keep]"),
      function (field) { return !(field.hasAttribute("data-sticky") && action === "step"); })
      .map(draftKey);
    // How the list of changes waiting to be sent names this one: who, and what was typed.
    const said = Array.from(form.querySelectorAll("[data-says], input[type=text], textarea"),
      function (field) {
        return (field.matches("[data-says]") ? field.textContent : field.value).trim();
      }).filter(Boolean).join(" — ");
    const entry = { key: newKey(), action: action, fields: fields, drafts: drafts, said: said };
    const outbox = load(OUTBOX, []);
    outbox.push(entry);
    store(OUTBOX, outbox);
    emit("live:queued", entry);
    if (form.hasAttribute("data-reset")) {
      form.reset();
      clearDrafts(drafts);
      const first = form.querySelector("input:not([type=hidden]), select");
      if (first) first.focus();
    }
    showPending();
    flush();
  });

  async function flush() {
    if (flushing) return;
    flushing = true;
    let changed = false;
    try {
      for (;;) {
        const outbox = load(OUTBOX, []);
        if (!outbox.length) break;
        const entry = outbox[0];
        const body = new URLSearchParams(entry.fields);
        body.set("action", entry.action);
        body.set("client_key", entry.key);
        let response;
        try {
          response = await fetch(root.dataset.act, {
            method: "POST", body: body, credentials: "same-origin",
            headers: { "X-CSRFToken": csrf(), "X-Requested-With": "fetch" },
          });
        } catch (e) {
          setOnline(false);
          emit("live:unsent", load(OUTBOX, []));
          setTimeout(flush, RETRY_MS);
          break;
        }
        // Only the server's own JSON answer counts: a login page after an expired session or
        // a Wi-Fi portal's page (both 200 HTML) mean the change has not arrived.
        const json = (response.headers.get("Content-Type") || "").indexOf("application/json") >= 0;
        let data = null;
        if (json && !response.redirected) {
          try { data = await response.json(); } catch (e) { data = null; }
        }
        if (data === null || response.status >= 500 || (response.status === 403 && !data.error)) {
          // The server is failing or the login expired: keep the change, say so, retry.
          if (data === null) setLoggedOut(true);
          say(notice.dataset.retry, true);
          setTimeout(flush, RETRY_MS);
          break;
        }
        setLoggedOut(false);
        setOnline(true);
        store(OUTBOX, load(OUTBOX, []).filter(function (e) { return e.key !== entry.key; }));
        changed = true;
        if (response.ok) {
          clearDrafts(entry.drafts);
          if (entry.fields.petition) {
            const used = root.querySelector('#reg-prior option[value="' + entry.fields.petition + '"]');
            if (used) used.remove();
          }
          say(data.message, false);
          if (data.minutes_version) {
            // This device's own save: the adopt form reads the draft it has just saved.
            root.querySelectorAll("#panel-minutes input[name=version]").forEach(
              function (input) { input.value = data.minutes_version; });
          }
          emit("live:sent", { entry: entry, data: data });
        } else {
          showRefused(entry, data.error || notice.dataset.refused);
          // What was typed is in the refused list; the form shows the latest saved version
          // (another device's, when it was a conflict) instead of this device's draft.
          clearDrafts(entry.drafts);
          root.querySelectorAll("#state section[data-sig]").forEach(function (panel) {
            panel.dataset.sig = "";
          });
          emit("live:refused", { entry: entry, data: data });
        }
        showPending();
      }
    } finally {
      flushing = false;
    }
    if (changed) poll();
  }

  // --- the state -------------------------------------------------------------------------
  function typing(element) {
    const active = document.activeElement;
    return element.contains(active) && active.matches("input, textarea, select");
  }
  // A state panel stays while someone types in it; a row's actions opened in it (a queue
  // row on the tablet) are opened again in the new panel, with what was typed.
  function busy(element) {
    return typing(element);
  }
  function replacePanel(old, fresh) {
    const opened = Array.from(old.querySelectorAll("details[open][id]"),
                              function (d) { return d.id; });
    old.replaceWith(fresh);
    opened.forEach(function (id) {
      const details = document.getElementById(id);
      if (details && fresh.contains(details)) details.open = true;
    });
    restoreDrafts(fresh);
  }

  let polling = false;
  let pollAgain = false; // a change arrived while a poll was under way: its state is old
  async function poll() {
    const state = document.getElementById("state");
    if (!state) return;
    if (polling) {
      pollAgain = true;
      return;
    }
    polling = true;
    try {
      do {
        pollAgain = false;
        await refresh(state);
      } while (pollAgain);
    } finally {
      polling = false;
    }
  }

  async function refresh(state) {
    let response;
    try {
      response = await fetch(root.dataset.state, { credentials: "same-origin",
                                                   cache: "no-store" });
    } catch (e) {
      setOnline(false);
      return;
    }
    if (response.redirected || !response.ok) {
      setLoggedOut(response.redirected);
      return;
    }
    setLoggedOut(false);
    const date = response.headers.get("Date");
    if (date) skew = (Date.parse(date) - Date.now()) / 1000;
    setOnline(true);
    if (load(OUTBOX, []).length) flush();
    const template = document.createElement("template");
    template.innerHTML = await response.text();
    // The state as the server sent it, whichever panels are moved into the page below.
    const sent = template.content.cloneNode(true);
    template.content.querySelectorAll("section[id]").forEach(function (fresh) {
      const old = document.getElementById(fresh.id);
      if (!old) {
        state.appendChild(fresh);
      } else if (old.dataset.sig !== fresh.dataset.sig && !busy(old)) {
        replacePanel(old, fresh);
      }
    });
    emit("live:state", sent);
    tick();
  }

  root.addEventListener("click", function (event) {
    if (event.target.closest("[data-dismiss]")) {
      refused.querySelector("ul").textContent = "";
      refused.hidden = true;
    }
  });

  // --- clocks ----------------------------------------------------------------------------
  function tick() {
    const now = Date.now() / 1000 + skew;
    root.querySelectorAll(".clock[data-since]").forEach(function (clock) {
      const since = parseInt(clock.dataset.since, 10);
      if (!since) return;
      const seconds = Math.max(0, Math.floor(now - since));
      const m = Math.floor(seconds / 60), s = seconds % 60;
      clock.textContent = (m < 10 ? "0" : "") + m + ":" + (s < 10 ? "0" : "") + s;
      const allowed = parseInt(clock.dataset.allowed, 10) * 60;
      clock.classList.toggle("over", allowed > 0 && seconds > allowed);
    });
  }

  window.addEventListener("online", flush);
  window.addEventListener("offline", function () { setOnline(false); });
  window.doithoaiLive = {
    root: root, OUTBOX: OUTBOX, load: load, store: store, restoreDrafts: restoreDrafts,
    say: say, typing: typing, showPending: showPending,
    offline: function () { return connection.classList.contains("offline") || !navigator.onLine; },
  };
  restoreDrafts(root);
  showPending();
  flush();
  setInterval(poll, POLL_MS);
  setInterval(tick, 1000);
})();
