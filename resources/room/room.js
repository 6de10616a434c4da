/* TrustBoard room: the participant page. Speaks the room's WebSocket protocol, keeps the
 * draft and unsent edits on this phone, reconnects by itself. Every string that comes from
 * the room is put on the page with textContent or value: never parsed as markup. */
(function () {
  "use strict";

  var TOKEN = location.pathname.split("/")[1] || "";
  var WS_URL = "ws://" + location.host + "/" + TOKEN + "/ws";
  var LIMIT = 1000;
  var BACKOFF_MIN = 500;
  var BACKOFF_MAX = 5000;
  var PING_EVERY = 15000;
  var PONG_WITHIN = 8000;

  /* The page's words: a dictionary the room puts in the page (#room-texts), in the phone's
   * language or the workshop's. This file holds keys only. */
  var WORDS = (function () {
    try {
      var node = document.getElementById("room-texts");
      return JSON.parse(node ? node.textContent : "{}") || {};
    } catch (e) { return {}; }
  })();
  var TEXTS = WORDS.texts || {};
  var PLURALS = WORDS.plurals || { forms: {}, index: [] };
  /* The text of `key`, its {name} slots filled from `values` (as text, never markup). */
  function T(key, values) {
    var text = Object.prototype.hasOwnProperty.call(TEXTS, key) ? String(TEXTS[key]) : key;
    return fill(text, values);
  }
  /* The form of `key` the language uses for the count `n`; {n} and `values` filled. */
  function P(key, n, values) {
    var forms = PLURALS.forms[key] || [key];
    var index = PLURALS.index;
    var i = index.length ? index[Math.min(Math.max(0, n), index.length - 1)] : 0;
    var all = { n: n };
    for (var k in values || {}) all[k] = values[k];
    return fill(String(forms[i] === undefined ? forms[0] : forms[i]), all);
  }
  function fill(text, values) {
    if (!values) return text;
    return text.replace(/\{([a-z_]+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }
  function MESSAGE(code) {
    var key = "error." + code;
    if (!Object.prototype.hasOwnProperty.call(TEXTS, key)) key = "error.invalid";
    return T(key, { limit: LIMIT });
  }
  var PHASES = { write: 1, score: 1, vote: 1, closed: 1 };

  // ---------------------------------------------------------------- storage (per token)
  function storeGet(name, fallback) {
    try {
      var raw = window.localStorage.getItem("trustboard." + TOKEN + "." + name);
      return raw === null ? fallback : JSON.parse(raw);
    } catch (e) {
      return fallback;
    }
  }
  /* A new link (the facilitator started a new session) is a new token: what was being
   * typed goes with the phone, not with the old link. */
  function keepDraftForNextLink() {
    try {
      if (ui.draft.value.trim()) window.localStorage.setItem("trustboard.draft", JSON.stringify(ui.draft.value));
    } catch (e) { /* nothing more to keep it in */ }
  }
  function takeDraftFromLastLink() {
    try {
      var raw = window.localStorage.getItem("trustboard.draft");
      window.localStorage.removeItem("trustboard.draft");
      return raw === null ? "" : String(JSON.parse(raw));
    } catch (e) {
      return "";
    }
  }
  function storeSet(name, value) {
    try {
      window.localStorage.setItem("trustboard." + TOKEN + "." + name, JSON.stringify(value));
    } catch (e) {
      /* private browsing or full storage: the page still works, it only forgets on reload */
    }
  }

  function randomKey(bytes) {
    var data = new Uint8Array(bytes);
    window.crypto.getRandomValues(data);
    var out = "";
    var abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (var i = 0; i < data.length; i++) out += abc.charAt(data[i] & 63);
    return out;
  }

  var secret = storeGet("device", "");
  if (!/^[A-Za-z0-9_-]{22,64}$/.test(secret)) {
    secret = randomKey(32);
    storeSet("device", secret);
  }

  // ---------------------------------------------------------------- page elements
  function $(id) { return document.getElementById(id); }
  var ui = {};
  [
    "title", "link", "link-text", "phase", "devices", "notice", "view-connecting", "view-gate",
    "gate-title", "gate-text", "pin-form", "pin", "gate-retry", "gate-safe",
    "view-room", "cell", "cell-name", "cell-more", "cell-definition", "cell-question", "name-box", "name",
    "phase-write", "write-private", "write-form", "write-cell-box", "write-cell", "write-kinds",
    "draft", "counter", "send", "outbox", "mine-head", "mine", "phase-score", "score-ask",
    "walk", "walk-prev", "walk-where", "walk-next", "walk-cell", "scores", "score-state",
    "score-clear", "phase-vote", "vote-left", "vote-rule", "vote-cards", "phase-closed"
  ].forEach(function (id) { ui[id] = $(id); });

  /* Build an element; strings among the children become text nodes, never markup. */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (key) {
        var value = attrs[key];
        if (value === null || value === undefined || value === false) return;
        if (key === "text") node.textContent = String(value);
        else if (key === "on") Object.keys(value).forEach(function (ev) { node.addEventListener(ev, value[ev]); });
        else if (key === "value") node.value = value;
        else node.setAttribute(key, value === true ? "" : String(value));
      });
    }
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  /* True when `node` already shows `data`: a state that changed something else (a phone
   * joined) must not rebuild the buttons under a finger or close an open picker. */
  var shown = new WeakMap();
  function unchanged(node, data) {
    var key = JSON.stringify(data);
    if (shown.get(node) === key) return true;
    shown.set(node, key);
    return false;
  }
  function show(node, on) { node.hidden = !on; }

  // ---------------------------------------------------------------- state
  // What the room shows this phone. Each "state" message is a patch: its top-level keys
  // replace ours (the first one after a welcome carries them all). The phone's own values
  // are keys of their own: name, mine (cards), scores, dots ({card id: n}), left.
  var state = null;
  var outbox = storeGet("outbox", []);   // edits not yet confirmed, resent on reconnect
  var socket = null;
  var welcomed = false;
  var backoff = BACKOFF_MIN;
  var retryTimer = null;
  var pingTimer = null;
  var pongTimer = null;
  var failures = 0;
  var stopped = false;       // expired / blocked / no room: do not reconnect by itself
  var editing = null;        // id of the card being edited in "Your cards"
  var editText = null;       // what is typed in that card's box so far
  var confirmDelete = null;  // id of the card asking "Delete?"
  var walkIndex = -1;        // which cell of the walk is shown (score.walk)
  var pendingVotes = {};     // card id -> dots sent but not yet confirmed
  var pendingScores = {};    // cell key -> {value, ref, landed}: a score shown before the room has it
  var kindChoice = storeGet("kind", "");
  var cellChoice = storeGet("cell", null);
  var refCount = 0;
  var lastPhase = null;

  function cellKey(id) { return id ? id[0] + "\u0000" + id[1] : ""; }
  function sameCell(a, b) { return cellKey(a) === cellKey(b); }

  // ---------------------------------------------------------------- notices
  var noticeTimer = null;
  function notify(text, kind, sticky) {
    ui.notice.textContent = text;
    ui.notice.setAttribute("data-kind", kind || "warn");
    show(ui.notice, true);
    if (noticeTimer) clearTimeout(noticeTimer);
    var wait = kind === "good" ? 3500 : 8000;
    noticeTimer = sticky ? null : setTimeout(function () { show(ui.notice, false); }, wait);
  }
  function messageFor(code, given) {
    return given || MESSAGE(code);
  }

  function setLink(kind, text) {
    ui.link.setAttribute("data-state", kind);
    ui["link-text"].textContent = text;
  }

  // ---------------------------------------------------------------- connection
  function connect() {
    if (stopped || socket) return;
    if (retryTimer) { clearTimeout(retryTimer); retryTimer = null; }
    setLink("connecting", welcomed || state ? T("link.reconnecting") : T("link.connecting"));
    var ws;
    try {
      ws = new WebSocket(WS_URL);
    } catch (e) {
      scheduleRetry();
      return;
    }
    socket = ws;
    ws.onopen = function () {
      var hello = { type: "hello", device: secret };
      var pin = storeGet("pin", "");
      if (pin) hello.pin = pin;
      var name = storeGet("name", "");
      if (name) hello.name = name;
      ws.send(JSON.stringify(hello));
    };
    ws.onmessage = function (event) {
      var msg;
      try { msg = JSON.parse(event.data); } catch (e) { return; }
      if (msg && typeof msg === "object") receive(msg);
    };
    ws.onclose = function () {
      if (socket !== ws) return;
      socket = null;
      welcomed = false;
      stopPing();
      if (!stopped) {
        failures += 1;
        setLink("offline", T("link.reconnecting"));
        scheduleRetry();
        if (failures >= 2) probe();
      }
    };
    ws.onerror = function () { /* onclose follows */ };
  }

  function dropSocket() {
    var ws = socket;
    socket = null;
    welcomed = false;
    stopPing();
    if (ws) {
      ws.onclose = null;
      try { ws.close(); } catch (e) { /* already closed */ }
    }
  }

  function scheduleRetry() {
    if (stopped || retryTimer) return;
    // A little randomness: a room full of phones that lost the Wi-Fi together does not
    // knock on the laptop all in the same instant.
    var wait = backoff * (0.75 + Math.random() * 0.5);
    backoff = Math.min(BACKOFF_MAX, backoff * 2);
    retryTimer = setTimeout(function () { retryTimer = null; connect(); }, wait);
  }

  function reconnectNow() {
    if (stopped) return;
    if (socket && welcomed) { ping(); return; }
    if (socket) return;
    backoff = BACKOFF_MIN;
    connect();
  }

  /* The socket cannot say why it failed: ask the page address whether the room still exists. */
  function probe() {
    if (!window.fetch) return;
    window.fetch(location.pathname, { cache: "no-store", credentials: "omit", redirect: "error" })
      .then(function (response) {
        if (response.status === 410) stop("expired");
        else if (response.status === 404) stop("noroom");
        else if (!welcomed) showClosedRoom();
      })
      .catch(function () {
        if (!welcomed) showClosedRoom();
      });
  }

  function showClosedRoom() {
    if (!ui["view-gate"].hidden) return; // already says why
    if (!state) gate("closed", T("gate.not-open-title"), MESSAGE("closed"), { retry: true });
    else notify(T("offline.keep-going"), "warn", true);
  }

  function stop(code, message) {
    stopped = true;
    if (retryTimer) { clearTimeout(retryTimer); retryTimer = null; }
    dropSocket();
    setLink("offline", T("link.not-connected"));
    var titles = {
      expired: T("gate.expired-title"),
      noroom: T("gate.noroom-title"),
      blocked: T("gate.blocked-title")
    };
    var texts = {
      expired: T("gate.scan-again"),
      noroom: T("gate.scan-again")
    };
    if (code === "expired" || code === "noroom") keepDraftForNextLink();
    gate(code, titles[code] || T("gate.not-connected-title"), texts[code] || messageFor(code, message),
      { retry: code === "noroom" });
  }

  function ping() {
    if (!socket || !welcomed) return;
    try { socket.send(JSON.stringify({ type: "ping" })); } catch (e) { return; }
    if (pongTimer) clearTimeout(pongTimer);
    pongTimer = setTimeout(function () {
      // No answer: the connection died quietly (screen lock, Wi-Fi change). Start over.
      pongTimer = null;
      dropSocket();
      setLink("offline", T("link.reconnecting"));
      reconnectNow();
    }, PONG_WITHIN);
  }
  function startPing() {
    stopPing();
    pingTimer = setInterval(ping, PING_EVERY);
  }
  function stopPing() {
    if (pingTimer) { clearInterval(pingTimer); pingTimer = null; }
    if (pongTimer) { clearTimeout(pongTimer); pongTimer = null; }
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") reconnectNow();
  });
  window.addEventListener("online", reconnectNow);
  window.addEventListener("offline", function () {
    setLink("offline", T("link.offline"));
    ping(); // no answer in a few seconds: the socket is dead, start over
  });
  window.addEventListener("pageshow", reconnectNow);

  // ---------------------------------------------------------------- messages from the room
  function receive(msg) {
    if (pongTimer && msg.type) { clearTimeout(pongTimer); pongTimer = null; }
    // Any word from the room proves the link works, whatever the phone thought of its Wi-Fi.
    if (welcomed) setLink("online", T("link.connected"));
    switch (msg.type) {
      case "welcome":
        welcomed = true;
        failures = 0;
        backoff = BACKOFF_MIN;
        setLink("online", T("link.connected"));
        show(ui.notice, false);
        startPing();
        flush();
        break;
      case "state":
        state = Object.assign({}, state || {}, msg);
        if ("scores" in msg) {
          // The room's word on this phone's scores: those it said "ok" to are in it now.
          Object.keys(pendingScores).forEach(function (key) {
            if (pendingScores[key].landed) delete pendingScores[key];
          });
        }
        render();
        break;
      case "ok":
        settle(msg.ref, null);
        break;
      case "error":
        onError(msg);
        break;
      case "bye":
        onBye(msg);
        break;
      default:
        break; // pong and anything newer than this page
    }
  }

  function onError(msg) {
    var code = String(msg.code || "invalid");
    if (!welcomed && !msg.ref) {
      // The room said no to the hello.
      if (code === "pin") {
        var tried = storeGet("pin", "");
        storeSet("pin", "");
        dropSocket();
        stopped = true;
        gate("pin", T("gate.pin-title"), tried
          ? messageFor("pin", msg.message)
          : T("gate.pin-first"), { pin: true });
        return;
      }
      if (code === "locked" || code === "full" || code === "closed") {
        dropSocket();
        stopped = true;
        var titles = { locked: T("gate.locked-title"), full: T("gate.full-title"), closed: T("gate.not-open-title") };
        gate(code, titles[code], messageFor(code, msg.message), { retry: true });
        return;
      }
      if (code === "blocked" || code === "expired") { stop(code, msg.message); return; }
      // Anything else (too fast, not understood): say so and join again a little later.
      notify(messageFor(code, msg.message), "bad");
      dropSocket();
      scheduleRetry();
      return;
    }
    settle(msg.ref, msg);
  }

  function onBye(msg) {
    var code = String(msg.code || "closed");
    if (code === "closed") {
      dropSocket();
      setLink("offline", T("link.room-closed"));
      gate("closed", T("gate.closed-title"), messageFor("closed", msg.message), { retry: true, keepTrying: true });
      backoff = BACKOFF_MAX;
      scheduleRetry();
      return;
    }
    stop(code, msg.message);
  }

  // ---------------------------------------------------------------- the outbox
  function send(msg) {
    refCount += 1;
    msg.ref = randomKey(10) + refCount;
    outbox.push(msg);
    storeSet("outbox", outbox);
    renderOutbox();
    if (socket && welcomed) {
      try { socket.send(JSON.stringify(msg)); } catch (e) { /* resent on reconnect */ }
    } else {
      reconnectNow();
    }
  }

  function flush() {
    outbox.forEach(function (msg) {
      try { socket.send(JSON.stringify(msg)); } catch (e) { /* next reconnect */ }
    });
    renderOutbox();
  }

  function settle(ref, error) {
    var index = -1;
    for (var i = 0; i < outbox.length; i++) if (outbox[i].ref === ref) index = i;
    var msg = index >= 0 ? outbox[index] : null;
    if (error && error.code === "too-fast" && msg) {
      notify(messageFor("too-fast", ""), "warn");
      setTimeout(function () {
        if (socket && welcomed && outbox.indexOf(msg) >= 0) socket.send(JSON.stringify(msg));
      }, 3000);
      return;
    }
    if (index >= 0) {
      outbox.splice(index, 1);
      storeSet("outbox", outbox);
    }
    if (msg && msg.type === "score") {
      var pending = pendingScores[cellKey(msg.cell)];
      if (pending && pending.ref === msg.ref) {
        if (error) delete pendingScores[cellKey(msg.cell)];
        else pending.landed = true;
      }
    }
    if (error) {
      if (msg && msg.type === "vote") delete pendingVotes[msg.card];
      if (msg && msg.type === "card.add" && !ui.draft.value) {
        // Nothing is lost: the card that could not land goes back into the text box.
        ui.draft.value = msg.text;
        saveDraft();
      }
      notify(messageFor(error.code, error.message), "bad");
    } else if (msg && msg.type === "card.add") {
      notify(state && state.write && state.write.private
        ? T("write.sent-private")
        : T("write.sent"), "good");
    }
    renderOutbox();
    if (state) render();
  }

  function renderOutbox() {
    var cards = outbox.filter(function (m) { return m.type === "card.add"; }).length;
    var waiting = outbox.length;
    if (!waiting || (socket && welcomed)) {
      show(ui.outbox, false);
      return;
    }
    ui.outbox.textContent = cards
      ? P("outbox", cards)
      : T("write.changes-waiting");
    show(ui.outbox, true);
  }

  // ---------------------------------------------------------------- gate screens
  function gate(code, title, text, options) {
    ui["gate-title"].textContent = title;
    ui["gate-text"].textContent = text;
    show(ui["pin-form"], !!(options && options.pin));
    show(ui["gate-retry"], !!(options && options.retry));
    show(ui["gate-safe"], !!(ui.draft.value || outbox.length));
    ui["view-gate"].setAttribute("data-code", code);
    show(ui["view-connecting"], false);
    show(ui["view-room"], false);
    show(ui["view-gate"], true);
    show(ui.phase, false);
    show(ui.devices, false);
    if (stopped || (options && options.pin)) setLink("offline", T("link.not-in-room"));
    if (options && options.pin) ui.pin.focus();
  }

  ui["pin-form"].addEventListener("submit", function (event) {
    event.preventDefault();
    storeSet("pin", ui.pin.value.replace(/\D/g, ""));
    ui.pin.value = "";
    restart();
  });
  ui["gate-retry"].addEventListener("click", restart);

  function restart() {
    stopped = false;
    failures = 0;
    backoff = BACKOFF_MIN;
    show(ui["view-gate"], false);
    show(state ? ui["view-room"] : ui["view-connecting"], true);
    dropSocket();
    connect();
  }

  // ---------------------------------------------------------------- rendering the state
  function render() {
    var s = state;
    show(ui["view-connecting"], false);
    show(ui["view-gate"], false);
    show(ui["view-room"], true);
    var title = String(s.title || "TrustBoard");
    ui.title.textContent = title;
    document.title = T("page.title-of", { title: title });
    ui.phase.textContent = PHASES[s.phase] ? T("phase." + s.phase) : String(s.phase);
    ui.phase.setAttribute("data-phase", String(s.phase));
    show(ui.phase, true);
    if (typeof s.devices === "number" && s.devices > 0) {
      ui.devices.textContent = P("devices", s.devices);
      show(ui.devices, true);
    } else {
      show(ui.devices, false);
    }
    renderCell(s.cell);
    renderName();
    var step = s.phase + (s.score && s.score.walk ? " walk" : "") + (s.write && s.write.choose ? " choose" : "");
    if (step !== lastPhase) {
      // A new step: yesterday's notices and half-made choices do not carry over.
      if (lastPhase !== null) show(ui.notice, false);
      editing = null;
      confirmDelete = null;
      walkIndex = -1;
      lastPhase = step;
    }
    show(ui["phase-write"], s.phase === "write");
    show(ui["phase-score"], s.phase === "score");
    show(ui["phase-vote"], s.phase === "vote");
    show(ui["phase-closed"], s.phase === "closed" || !PHASES[s.phase]);
    if (s.phase === "write") renderWrite(s);
    if (s.phase === "score") renderScore(s);
    if (s.phase === "vote") renderVote(s);
    renderOutbox();
  }

  function cellName(cell) {
    return cell ? String(cell.element) + " × " + String(cell.domain) : "";
  }
  function findCell(id) {
    var cells = (state && state.cells) || [];
    for (var i = 0; i < cells.length; i++) if (sameCell(cells[i].id, id)) return cells[i];
    if (state && state.cell && sameCell(state.cell.id, id)) return state.cell;
    return null;
  }

  var wide = window.matchMedia ? window.matchMedia("(min-width: 700px)") : null;
  function renderCell(cell) {
    show(ui.cell, state.phase !== "closed");
    if (wide && wide.matches && !ui["cell-more"].hasAttribute("data-touched")) ui["cell-more"].open = true;
    if (!cell) {
      ui["cell-name"].textContent = T("cell.whole-board");
      ui["cell-question"].textContent = T("cell.none-yet");
      show(ui["cell-question"], true);
      show(ui["cell-more"], false);
      return;
    }
    ui["cell-name"].textContent = cellName(cell);
    ui["cell-definition"].textContent = String(cell.definition || "");
    show(ui["cell-more"], !!cell.definition);
    ui["cell-question"].textContent = String(cell.question || "");
    show(ui["cell-question"], !!cell.question);
  }

  function renderName() {
    show(ui["name-box"], !!state.names && state.phase === "write");
    if (document.activeElement !== ui.name) ui.name.value = String(state.name || storeGet("name", "") || "");
  }
  ui.name.addEventListener("change", function () {
    var name = ui.name.value.trim().slice(0, 60);
    ui.name.value = name;
    if (name === String(storeGet("name", "") || "")) return;
    storeSet("name", name);
    // The name travels with the hello: join again so the room knows it.
    dropSocket();
    connect();
  });

  // ---- Write
  function renderWrite(s) {
    var write = s.write || {};
    LIMIT = write.limit || 1000;
    show(ui["write-private"], !!write.private);
    renderKinds(write.kinds || []);
    var choose = !!write.choose && (s.cells || []).length > 0;
    show(ui["write-cell-box"], choose);
    if (choose) renderCellChooser(s);
    updateCounter();
    renderMine(s.mine || []);
  }

  function renderKinds(kinds) {
    var ids = kinds.map(function (k) { return String(k.id); });
    if (ids.indexOf(kindChoice) < 0) kindChoice = ids[0] || "";
    if (unchanged(ui["write-kinds"], [kinds, kindChoice])) return;
    var legend = ui["write-kinds"].querySelector("legend");
    clear(ui["write-kinds"]);
    ui["write-kinds"].appendChild(legend);
    kinds.forEach(function (kind) {
      var id = String(kind.id);
      var input = el("input", { type: "radio", name: "kind", value: id });
      input.checked = id === kindChoice;
      input.addEventListener("change", function () {
        kindChoice = id;
        storeSet("kind", id);
        renderKinds(kinds);
      });
      var label = el("label", { "class": "kind", "data-checked": String(id === kindChoice), dir: "auto" },
        [input, String(kind.label || id)]);
      ui["write-kinds"].appendChild(label);
    });
    show(ui["write-kinds"], kinds.length > 1);
  }

  function renderCellChooser(s) {
    var select = ui["write-cell"];
    var wanted = cellChoice || (s.cell ? s.cell.id : null);
    if (!findCell(wanted)) wanted = s.cell ? s.cell.id : s.cells[0].id;
    if (unchanged(select, [s.cells, wanted])) return;
    clear(select);
    s.cells.forEach(function (cell, i) {
      var option = el("option", { value: String(i), text: cellName(cell) });
      if (sameCell(cell.id, wanted)) option.selected = true;
      select.appendChild(option);
    });
  }
  ui["cell-more"].addEventListener("toggle", function () { ui["cell-more"].setAttribute("data-touched", ""); });
  ui["write-cell"].addEventListener("change", function () {
    var cell = state && state.cells[Number(ui["write-cell"].value)];
    cellChoice = cell ? cell.id : null;
    storeSet("cell", cellChoice);
  });

  function chosenCell() {
    var write = (state && state.write) || {};
    if (write.choose && state.cells && state.cells.length) {
      var cell = state.cells[Number(ui["write-cell"].value)];
      if (cell) return cell.id;
    }
    return state && state.cell ? state.cell.id : null;
  }

  function saveDraft() { storeSet("draft", ui.draft.value); }

  function updateCounter() {
    var length = Array.from(ui.draft.value).length;
    ui.counter.textContent = T("write.counter", { length: length, limit: LIMIT });
    var over = length > LIMIT;
    ui.counter.setAttribute("data-over", String(over));
    ui.send.disabled = !ui.draft.value.trim() || over;
    if (over) ui.counter.textContent += " — " + P("too-long-by", length - LIMIT);
  }
  ui.draft.addEventListener("input", function () { saveDraft(); updateCounter(); });

  ui["write-form"].addEventListener("submit", function (event) {
    event.preventDefault();
    var text = ui.draft.value.trim();
    if (!text) return;
    if (Array.from(text).length > LIMIT) { notify(MESSAGE("too-long"), "bad"); return; }
    send({
      type: "card.add",
      key: randomKey(22),
      text: text,
      kind: kindChoice,
      cell: chosenCell()
    });
    ui.draft.value = "";
    saveDraft();
    updateCounter();
    if (!(socket && welcomed)) notify(T("write.saved-here"), "warn");
  });
  // Enter sends on a laptop; Shift+Enter makes a new line. Phones keep Enter for new lines.
  ui.draft.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      ui.send.click();
    }
  });

  function kindLabel(id) {
    var kinds = (state && state.write && state.write.kinds) || [];
    for (var i = 0; i < kinds.length; i++) if (String(kinds[i].id) === String(id)) return String(kinds[i].label);
    return String(id || "");
  }

  /* A card's text; a long one is folded to a few lines with a button to read all of it. */
  var LONG = 280;
  function cardText(parent, value) {
    var text = String(value);
    var p = el("p", { "class": "card-text", dir: "auto", text: text });
    var box = p;
    if (Array.from(text).length > LONG) {
      p.setAttribute("data-folded", "true");
      var more = el("button", { type: "button", "class": "link-button", text: T("card.show-all") });
      more.addEventListener("click", function () {
        var folded = p.getAttribute("data-folded") === "true";
        p.setAttribute("data-folded", String(!folded));
        more.textContent = folded ? T("card.show-less") : T("card.show-all");
      });
      box = el("div", null, [p, more]);
    }
    if (parent) parent.appendChild(box);
    return box;
  }

  function renderMine(mine) {
    var list = ui.mine;
    var kinds = (state.write && state.write.kinds) || [];
    if (unchanged(list, [mine, editing, confirmDelete, kinds, state.cells])) return;
    var typing = document.activeElement && document.activeElement.classList.contains("edit-text");
    clear(list);
    show(ui["mine-head"], mine.length > 0);
    mine.forEach(function (card) {
      var id = String(card.id);
      var meta = el("div", { "class": "card-meta" }, [
        el("span", { "class": "tag", text: kindLabel(card.kind), dir: "auto" }),
        card.cell && state.write && state.write.choose
          ? el("span", { text: cellName(findCell(card.cell)) || "", dir: "auto" }) : null,
        card.held === "waiting" ? el("span", { "class": "tag", "data-held": "waiting", text: T("card.private") }) : null,
        card.held === "hidden" ? el("span", { "class": "tag", "data-held": "hidden", text: T("card.hidden") }) : null
      ]);
      var item = el("li", { "class": "card", "data-card": id }, [meta]);
      if (editing === id) {
        var box = el("textarea", { "class": "edit-text", dir: "auto", rows: "4", "aria-label": T("card.edit-label") });
        box.value = editText === null ? String(card.text) : editText;
        editText = box.value;
        box.addEventListener("input", function () { editText = box.value; });
        var save = el("button", { type: "button", "class": "primary", text: T("card.save") });
        var cancel = el("button", { type: "button", "class": "secondary", text: T("card.cancel") });
        save.addEventListener("click", function () {
          var text = box.value.trim();
          if (!text) return;
          if (Array.from(text).length > LIMIT) { notify(MESSAGE("too-long"), "bad"); return; }
          editing = null;
          send({ type: "card.edit", card: id, text: text, kind: String(card.kind) });
          render();
        });
        cancel.addEventListener("click", function () { editing = null; render(); });
        item.appendChild(box);
        item.appendChild(el("div", { "class": "card-actions" }, [save, cancel]));
        list.appendChild(item);
        if (typing) box.focus();
        return;
      }
      cardText(item, card.text);
      if (card.held !== "hidden") {
        var actions;
        if (confirmDelete === id) {
          actions = [
            el("button", { type: "button", "class": "danger", text: T("card.delete-yes"),
              on: { click: function () { confirmDelete = null; send({ type: "card.delete", card: id }); render(); } } }),
            el("button", { type: "button", "class": "secondary", text: T("card.keep"),
              on: { click: function () { confirmDelete = null; render(); } } })
          ];
        } else {
          actions = [
            el("button", { type: "button", "class": "secondary", text: T("card.edit"),
              on: { click: function () { editing = id; editText = null; confirmDelete = null; render(); } } }),
            el("button", { type: "button", "class": "secondary", text: T("card.delete"),
              on: { click: function () { confirmDelete = id; editing = null; render(); } } })
          ];
        }
        item.appendChild(el("div", { "class": "card-actions" }, actions));
      }
      list.appendChild(item);
    });
  }

  // ---- Score
  function scoreCells(s) {
    var score = s.score || {};
    if (score.walk && s.cells && s.cells.length) return s.cells;
    return s.cell ? [s.cell] : [];
  }

  function myScore(s, id) {
    var pending = pendingScores[cellKey(id)];
    if (pending) return pending.value;
    var mine = s.scores || [];
    for (var i = 0; i < mine.length; i++) if (sameCell(mine[i].cell, id)) return mine[i].score;
    return null;
  }

  function renderScore(s) {
    var score = s.score || {};
    var cells = scoreCells(s);
    var ask = score.layer === "to-be"
      ? (score.perspective === "customer"
        ? T("score.ask-to-be-customer")
        : T("score.ask-to-be-self"))
      : (score.perspective === "customer"
        ? T("score.ask-as-is-customer")
        : T("score.ask-as-is-self"));
    ui["score-ask"].textContent = ask;
    var walk = !!score.walk && cells.length > 1;
    show(ui.walk, walk);
    show(ui["walk-cell"], walk);
    // Walking through every cell: the cell being scored replaces the board's current one.
    show(ui.cell, !walk);
    if (!cells.length) {
      clear(ui.scores);
      ui["score-state"].textContent = T("score.waiting");
      show(ui["score-clear"], false);
      return;
    }
    if (walkIndex < 0 || walkIndex >= cells.length) {
      walkIndex = 0;
      for (var i = 0; i < cells.length; i++) {
        if (myScore(s, cells[i].id) === null) { walkIndex = i; break; }
      }
    }
    var cell = walk ? cells[walkIndex] : cells[0];
    if (walk) {
      var done = cells.filter(function (c) { return myScore(s, c.id) !== null; }).length;
      ui["walk-where"].textContent = P("walk", cells.length, { i: walkIndex + 1, done: done });
      ui["walk-cell"].textContent = cellName(cell);
      ui["walk-prev"].disabled = walkIndex === 0;
      ui["walk-next"].disabled = walkIndex === cells.length - 1;
    }
    var chosen = myScore(s, cell.id);
    var labels = {};
    (score.labels || []).forEach(function (pair) { labels[String(pair[0])] = String(pair[1]); });
    var min = Number(score.min || 1);
    var max = Number(score.max || 5);
    ui["score-state"].textContent = chosen === null ? T("score.not-yet") : T("score.yours", { score: chosen });
    show(ui["score-clear"], chosen !== null);
    ui["score-clear"].onclick = function () { giveScore(cell.id, null, false); };
    if (unchanged(ui.scores, [cell.id, chosen, labels, min, max])) return;
    clear(ui.scores);
    ui.scores.style.setProperty("--steps", String(Math.max(1, max - min + 1)));
    for (var value = min; value <= max; value++) {
      (function (v) {
        var button = el("button", {
          type: "button", "class": "score", "aria-pressed": String(chosen === v), "data-score": String(v)
        }, [
          el("span", { "class": "value", text: String(v) }),
          el("span", { "class": "label", text: labels[String(v)] || "", dir: "auto" })
        ]);
        button.addEventListener("click", function () { giveScore(cell.id, v, chosen === null); });
        ui.scores.appendChild(button);
      })(value);
    }
  }

  function giveScore(id, value, first) {
    // Show the choice at once; the room's next state confirms it (an error takes it back).
    var msg = { type: "score", cell: id, score: value };
    send(msg);
    pendingScores[cellKey(id)] = { value: value, ref: msg.ref, landed: false };
    var cells = scoreCells(state);
    if (first && value !== null && state.score.walk && walkIndex < cells.length - 1) walkIndex += 1;
    render();
  }
  ui["walk-prev"].addEventListener("click", function () { if (walkIndex > 0) { walkIndex -= 1; render(); } });
  ui["walk-next"].addEventListener("click", function () { walkIndex += 1; render(); });

  // ---- Vote
  function renderVote(s) {
    var vote = s.vote;
    if (!vote) {
      clear(ui["vote-cards"]);
      shown.delete(ui["vote-cards"]);
      ui["vote-left"].textContent = T("vote.not-started");
      ui["vote-rule"].textContent = "";
      return;
    }
    var cards = vote.cards || [];
    var mine = s.dots || {};
    var perCard = Number(vote.per_card || 0);
    var change = 0;  // dots tapped here that the room has not confirmed yet
    var dotsOf = {};
    cards.forEach(function (card) {
      var id = String(card.id);
      var confirmed = Number(mine[id] || 0);
      if (pendingVotes[id] === confirmed) delete pendingVotes[id]; // the room has it
      dotsOf[id] = id in pendingVotes ? pendingVotes[id] : confirmed;
      change += dotsOf[id] - confirmed;
    });
    var perPerson = Number(vote.per_person || 0);
    var left = Math.max(0, Number(s.left || 0) - change);
    ui["vote-left"].textContent = P("dots-left", left);
    ui["vote-rule"].textContent = perCard
      ? P("dots-rule-limit", perPerson, { per_card: perCard })
      : P("dots-rule-free", perPerson);
    if (unchanged(ui["vote-cards"], [cards, dotsOf, left, perCard, s.cell && s.cell.id, s.cells])) return;
    clear(ui["vote-cards"]);
    if (!cards.length) {
      ui["vote-cards"].appendChild(el("li", { "class": "quiet", text: T("vote.no-cards") }));
    }
    cards.forEach(function (card) {
      var id = String(card.id);
      var dots = dotsOf[id];
      var here = s.cell && sameCell(card.cell, s.cell.id);
      var where = card.cell && !here ? cellName(findCell(card.cell)) : "";
      var minus = el("button", { type: "button", "class": "secondary", "aria-label": T("vote.take"), text: "−" });
      var plus = el("button", { type: "button", "class": "primary", "aria-label": T("vote.give"), text: "+" });
      minus.disabled = dots <= 0;
      plus.disabled = left <= 0 || (perCard > 0 && dots >= perCard);
      minus.addEventListener("click", function () { setDots(id, dots - 1); });
      plus.addEventListener("click", function () { setDots(id, dots + 1); });
      var count = el("span", { "class": "dots", "aria-live": "polite", "data-dots": String(dots),
        text: dots ? "●".repeat(Math.min(dots, 10)) + " " + dots : T("vote.none-yet") });
      ui["vote-cards"].appendChild(el("li", { "class": "card vote-card", "data-card": id, "data-mine": String(dots > 0) }, [
        where ? el("div", { "class": "card-meta" }, [el("span", { text: where, dir: "auto" })]) : null,
        cardText(null, card.text),
        el("div", { "class": "vote-row" }, [minus, count, plus])
      ]));
    });
  }

  function setDots(id, dots) {
    if (dots < 0) return;
    pendingVotes[id] = dots;
    // A newer count for the same card replaces the older one still waiting to be sent.
    outbox = outbox.filter(function (m) { return !(m.type === "vote" && m.card === id && !(socket && welcomed)); });
    send({ type: "vote", card: id, dots: dots });
    render();
  }

  // ---------------------------------------------------------------- start
  ui.draft.value = String(storeGet("draft", "") || "") || takeDraftFromLastLink();
  if (ui.draft.value) saveDraft();
  updateCounter();
  connect();
})();
