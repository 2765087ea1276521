// The demo's phones. Each phone shows the chats of one person, as the
// simulated Telegram holds them (/sim/chats/<id>), and speaks as that person
// (/sim/say, /sim/press, /sim/contact, /sim/webapp). Server-sent events
// (/sim/events) say which chat changed. No framework, nothing from other sites.
(() => {
  const LANG_KEY = "linli.demo.lang";
  let scene;
  let lang = localStorage.getItem(LANG_KEY) === "en" ? "en" : "zh-CN";
  let tourAt = 0;
  /** Per phone: { scene, el, chatId (shown), chats: Map<id, view> } */
  const phones = [];

  const w = (key, vars = {}) => {
    let text = scene?.words?.[lang]?.[key] ?? key;
    for (const [k, v] of Object.entries(vars)) text = text.replaceAll(`{${k}}`, String(v));
    return text;
  };

  const el = (tag, cls, text) => {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  async function post(path, body) {
    const res = await fetch(path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${res.status}`);
    return res.status === 204 ? {} : res.json();
  }

  // ------------------------------------------------------------ words

  function applyWords() {
    document.documentElement.lang = lang;
    document.title = w("demo-title");
    for (const node of document.querySelectorAll("[data-word]")) {
      node.textContent = w(node.dataset.word);
    }
    for (const phone of phones) {
      phone.caption.textContent = w(phone.scene.label);
      phone.caption.title = phone.caption.textContent;
      phone.input.placeholder = w("demo-input");
      phone.send.textContent = w("demo-send");
      phone.closeApp.textContent = w("demo-close");
      renderTabs(phone);
      renderChat(phone);
    }
    renderTour();
  }

  async function switchLanguage() {
    lang = lang === "en" ? "zh-CN" : "en";
    localStorage.setItem(LANG_KEY, lang);
    applyWords();
    try {
      await post("/api/language", { lang });
    } catch {
      // the page's words changed anyway
    }
  }

  // ------------------------------------------------------------ tour

  function renderTour() {
    const tour = scene.tour;
    const step = tour[tourAt];
    const root = document.getElementById("tour");
    root.querySelector(".tour-step").textContent = w("demo-tour-step", {
      n: tourAt + 1,
      total: tour.length,
    });
    root.querySelector(".tour-title").textContent = w(step.title);
    root.querySelector(".tour-body").textContent = w(step.body);
    root.querySelector(".tour-prev").disabled = tourAt === 0;
    root.querySelector(".tour-next").disabled = tourAt === tour.length - 1;
    root.querySelector(".tour-fill").hidden = !step.fill;
    phones.forEach((p, i) => {
      p.el.classList.toggle("focus", i === step.phone);
    });
  }

  function fillStep() {
    const step = scene.tour[tourAt];
    const phone = phones[step.phone];
    if (!phone || !step.fill) return;
    showChat(phone, phone.scene.chats[0].id);
    phone.input.value = step.fill;
    phone.input.focus();
  }

  // ------------------------------------------------------------ phones

  function buildPhone(ps) {
    const root = el("section", "phone");
    root.dataset.as = String(ps.as);
    const caption = el("h2", "caption");
    const frame = el("div", "frame");
    const bar = el("div", "bar");
    const tabs = el("div", "tabs");
    bar.append(tabs);
    const log = el("div", "log");
    log.setAttribute("role", "log");
    const keyboard = el("div", "keyboard");
    const form = el("form", "compose");
    const menu = el("button", "menu");
    menu.type = "button";
    menu.hidden = true;
    const input = el("textarea", "input");
    input.rows = 1;
    const send = el("button", "send");
    send.type = "submit";
    form.append(menu, input, send);
    const toast = el("div", "toast");
    toast.hidden = true;
    const app = el("div", "webapp");
    app.hidden = true;
    const appBar = el("div", "webapp-bar");
    const appTitle = el("span", "webapp-title");
    const closeApp = el("button", "webapp-close");
    closeApp.type = "button";
    appBar.append(appTitle, closeApp);
    const frameEl = el("iframe", "webapp-frame");
    app.append(appBar, frameEl);
    frame.append(bar, log, keyboard, form, toast, app);
    root.append(caption, frame);

    const phone = {
      scene: ps,
      el: root,
      caption,
      tabs,
      log,
      keyboard,
      form,
      menu,
      input,
      send,
      toast,
      app,
      appTitle,
      appFrame: frameEl,
      closeApp,
      chatId: ps.chats[0].id,
      chats: new Map(),
    };
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      void say(phone, input.value);
    });
    input.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        void say(phone, input.value);
      }
    });
    menu.addEventListener("click", () => void openWebApp(phone));
    closeApp.addEventListener("click", () => {
      phone.app.hidden = true;
      phone.appFrame.src = "about:blank";
    });
    return phone;
  }

  function renderTabs(phone) {
    phone.tabs.replaceChildren();
    for (const chat of phone.scene.chats) {
      const tab = el("button", "tab");
      tab.type = "button";
      const view = phone.chats.get(chat.id);
      tab.textContent = chat.label ? w(chat.label) : (view?.title ?? "…");
      tab.setAttribute("aria-pressed", String(chat.id === phone.chatId));
      tab.dataset.chat = String(chat.id);
      if (phone.unread?.has(chat.id) && chat.id !== phone.chatId) tab.classList.add("unread");
      tab.addEventListener("click", () => showChat(phone, chat.id));
      phone.tabs.append(tab);
    }
  }

  function showChat(phone, chatId) {
    phone.chatId = chatId;
    phone.unread?.delete(chatId);
    renderTabs(phone);
    renderChat(phone, true);
  }

  /** Text with Telegram's entities (bold, italic, links...) as DOM nodes. */
  function richText(text, entities) {
    const out = document.createDocumentFragment();
    const sorted = [...(entities ?? [])]
      .filter((e) => e.length > 0)
      .sort((a, b) => a.offset - b.offset);
    let at = 0;
    for (const e of sorted) {
      if (e.offset < at) continue; // nested entities: the outer one wins
      out.append(text.slice(at, e.offset));
      const part = text.slice(e.offset, e.offset + e.length);
      const tag =
        {
          bold: "strong",
          italic: "em",
          underline: "u",
          strikethrough: "s",
          code: "code",
          pre: "pre",
        }[e.type] ?? (e.type === "text_link" || e.type === "url" ? "a" : "span");
      const node = el(tag, undefined, part);
      if (tag === "a") {
        node.href = e.type === "url" ? part : e.url;
        node.target = "_blank";
        node.rel = "noopener noreferrer";
      }
      out.append(node);
      at = e.offset + e.length;
    }
    out.append(text.slice(at));
    return out;
  }

  function renderChat(phone, toBottom = false) {
    const view = phone.chats.get(phone.chatId);
    const log = phone.log;
    const nearBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 80;
    log.replaceChildren();
    const isGroup = phone.chatId < 0;
    if (!view || view.entries.length === 0) {
      log.append(el("p", "empty", w("demo-empty")));
    }
    for (const entry of view?.entries ?? []) {
      const mine = entry.by === "person" && entry.fromId === phone.scene.as;
      const bubble = el("div", `msg ${entry.by === "bot" ? "bot" : mine ? "mine" : "other"}`);
      if (entry.messageId) bubble.dataset.message = String(entry.messageId);
      if (isGroup && !mine) {
        bubble.append(el("div", "from", entry.by === "bot" ? w("demo-chat-bot") : entry.from));
      }
      if (entry.photo) {
        const img = el("img", "photo");
        img.src = `/sim/${entry.photo}`;
        img.alt = w("demo-photo");
        img.loading = "lazy";
        bubble.append(img);
      }
      if (entry.document) bubble.append(el("div", "doc", `📄 ${entry.document}`));
      if (entry.text) {
        const body = el("div", "text");
        body.append(richText(entry.text, entry.entities));
        bubble.append(body);
      }
      const marks = [];
      if (entry.pinned) marks.push(`📌 ${w("demo-pinned")}`);
      if (entry.edited) marks.push(w("demo-edited"));
      if (marks.length) bubble.append(el("div", "marks", marks.join(" · ")));
      const row = el("div", `row ${bubble.classList.contains("mine") ? "right" : "left"}`);
      row.append(bubble);
      if (entry.buttons.length) {
        const grid = el("div", "buttons");
        for (const line of entry.buttons) {
          const r = el("div", "button-row");
          for (const b of line) {
            const button = el("button", "inline", b.text);
            button.type = "button";
            if (b.data) {
              button.dataset.data = b.data;
              button.addEventListener("click", () => void press(phone, entry.messageId, b.data));
            } else if (b.url) {
              button.addEventListener("click", () => void openLink(phone, b.url));
            } else {
              button.disabled = true;
            }
            r.append(button);
          }
          grid.append(r);
        }
        row.append(grid);
      }
      log.append(row);
    }
    if (toBottom || nearBottom) log.scrollTop = log.scrollHeight;

    // The reply keyboard (private chats) and the menu button.
    phone.keyboard.replaceChildren();
    for (const line of view?.keyboard ?? []) {
      const r = el("div", "key-row");
      for (const key of line) {
        const button = el("button", "key", key.text);
        button.type = "button";
        button.addEventListener("click", () =>
          key.contact ? void shareContact(phone) : void say(phone, key.text),
        );
        r.append(button);
      }
      phone.keyboard.append(r);
    }
    const menu = view?.menuButton;
    phone.menu.hidden = !menu;
    if (menu) phone.menu.textContent = `☰ ${menu.text}`;
  }

  async function refresh(phone, chatId) {
    const res = await fetch(`/sim/chats/${chatId}`);
    if (!res.ok) return;
    const view = await res.json();
    const before = phone.chats.get(chatId);
    phone.chats.set(chatId, view);
    if (chatId !== phone.chatId) {
      if (before && view.entries.length > before.entries.length) {
        phone.unread ??= new Set();
        phone.unread.add(chatId);
      }
      renderTabs(phone);
      return;
    }
    if (!before) renderTabs(phone);
    renderChat(phone);
  }

  function refreshChat(chatId) {
    for (const phone of phones) {
      if (phone.scene.chats.some((c) => c.id === chatId)) void refresh(phone, chatId);
    }
  }

  function showToast(phone, text) {
    phone.toast.textContent = text;
    phone.toast.hidden = false;
    clearTimeout(phone.toastTimer);
    phone.toastTimer = setTimeout(() => {
      phone.toast.hidden = true;
    }, 3500);
  }

  async function act(phone, path, body) {
    try {
      await post(`/sim/${path}`, body);
      return true;
    } catch (err) {
      showToast(phone, w("demo-failed", { reason: err.message }));
      return false;
    }
  }

  async function say(phone, raw) {
    const text = raw.trim();
    if (!text) return;
    const body = { from: phone.scene.as, text };
    if (phone.chatId < 0) body.chat = phone.chatId;
    if (await act(phone, "say", body)) {
      phone.input.value = "";
      phone.log.scrollTop = phone.log.scrollHeight;
    }
  }

  function press(phone, messageId, data) {
    return act(phone, "press", {
      from: phone.scene.as,
      chat: phone.chatId,
      message: messageId,
      data,
    });
  }

  /**
   * A t.me link with ?start= opens the private chat with the bot and sends
   * /start <payload>, as Telegram does (the group's Register button); any
   * other link opens in a new tab.
   */
  async function openLink(phone, url) {
    let link;
    try {
      link = new URL(url);
    } catch {
      return;
    }
    const start = link.searchParams.get("start");
    const own = phone.scene.chats.find((c) => c.id === phone.scene.as);
    if (link.hostname === "t.me" && start !== null && own) {
      showChat(phone, own.id);
      await act(phone, "say", { from: phone.scene.as, text: `/start ${start}` });
      return;
    }
    window.open(url, "_blank", "noopener,noreferrer");
  }

  function shareContact(phone) {
    return act(phone, "contact", { from: phone.scene.as });
  }

  async function openWebApp(phone) {
    try {
      const { url } = await post("/sim/webapp", { from: phone.scene.as, chat: phone.chatId });
      const view = phone.chats.get(phone.chatId);
      phone.appTitle.textContent = view?.menuButton?.text ?? "";
      phone.appFrame.src = url;
      phone.app.hidden = false;
    } catch (err) {
      showToast(phone, w("demo-failed", { reason: err.message }));
    }
  }

  // ------------------------------------------------------------ events

  function listen() {
    const events = new EventSource("/sim/events");
    const offline = document.getElementById("offline");
    events.addEventListener("open", () => {
      offline.hidden = true;
      // Whatever happened while away.
      for (const phone of phones) for (const c of phone.scene.chats) void refresh(phone, c.id);
    });
    events.addEventListener("error", () => {
      offline.hidden = false;
    });
    events.addEventListener("message", (e) => {
      refreshChat(JSON.parse(e.data).chatId);
    });
    events.addEventListener("toast", (e) => {
      const { userId, text } = JSON.parse(e.data);
      for (const phone of phones) if (phone.scene.as === userId) showToast(phone, text);
    });
    events.addEventListener("menu", () => {
      for (const phone of phones) void refresh(phone, phone.scene.chats[0].id);
    });
  }

  /** The served Chinese font, before any words are shown (a machine may have none). */
  function fontsLoaded() {
    const faces = ["400", "700"].map((weight) =>
      document.fonts.load(`${weight} 17px "Linli Hans"`, "邻里").catch(() => []),
    );
    // A slow font never keeps the page from working.
    return Promise.race([Promise.all(faces), new Promise((r) => setTimeout(r, 5000))]);
  }

  async function start() {
    const [sceneJson] = await Promise.all([
      fetch("/api/scene").then((r) => r.json()),
      fontsLoaded(),
    ]);
    scene = sceneJson;
    const root = document.getElementById("phones");
    for (const ps of scene.phones) {
      const phone = buildPhone(ps);
      phones.push(phone);
      root.append(phone.el);
    }
    document.getElementById("language").addEventListener("click", () => void switchLanguage());
    const tour = document.getElementById("tour");
    tour.querySelector(".tour-prev").addEventListener("click", () => {
      tourAt = Math.max(0, tourAt - 1);
      renderTour();
    });
    tour.querySelector(".tour-next").addEventListener("click", () => {
      tourAt = Math.min(scene.tour.length - 1, tourAt + 1);
      renderTour();
    });
    tour.querySelector(".tour-fill").addEventListener("click", fillStep);
    applyWords();
    if (lang === "en") void post("/api/language", { lang }).catch(() => {});
    listen();
  }

  void start();
})();
