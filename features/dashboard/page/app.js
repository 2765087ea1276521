// The staff dashboard in the browser: reads Telegram's sign-in (initData) the
// way Telegram hands it to a Mini App (the URL's #tgWebAppData, kept for a
// reload), asks the server for the figures with it, and draws them. No
// library and nothing from another site; every word comes from the server.

(() => {
  const STORE = "linli.initData";

  /** Parameters Telegram puts after the # when it opens a Mini App. */
  function launchParams() {
    const hash = window.location.hash.slice(1);
    try {
      return new URLSearchParams(hash);
    } catch {
      return new URLSearchParams();
    }
  }

  function initData() {
    const fromSdk = window.Telegram?.WebApp?.initData;
    if (fromSdk) return fromSdk;
    const fromHash = launchParams().get("tgWebAppData");
    if (fromHash) {
      try {
        sessionStorage.setItem(STORE, fromHash);
      } catch {
        // private mode: no reload support, that's all
      }
      return fromHash;
    }
    try {
      return sessionStorage.getItem(STORE) || "";
    } catch {
      return "";
    }
  }

  /** Tells the Telegram client something (ready, expand), on every platform it runs on. */
  function postEvent(eventType, eventData) {
    const data = JSON.stringify(eventData ?? {});
    try {
      if (window.TelegramWebviewProxy?.postEvent) {
        window.TelegramWebviewProxy.postEvent(eventType, data);
      } else if (window.external && "notify" in window.external) {
        window.external.notify(JSON.stringify({ eventType, eventData }));
      } else if (window.parent !== window) {
        window.parent.postMessage(JSON.stringify({ eventType, eventData }), "*");
      }
    } catch {
      // outside Telegram: nothing to tell
    }
  }

  /** Telegram's colours, when it gives them. */
  function applyTheme() {
    const raw = launchParams().get("tgWebAppThemeParams");
    if (!raw) return;
    try {
      const theme = JSON.parse(raw);
      const set = (name, value) => {
        if (typeof value === "string" && /^#[0-9a-fA-F]{6}$/.test(value)) {
          document.documentElement.style.setProperty(name, value);
        }
      };
      set("--tg-bg", theme.secondary_bg_color ?? theme.bg_color);
      set("--tg-card", theme.bg_color);
      set("--tg-text", theme.text_color);
      set("--tg-hint", theme.hint_color);
      set("--tg-button", theme.button_color);
      set("--tg-button-text", theme.button_text_color);
    } catch {
      // a theme we can't read: keep ours
    }
  }

  /** el("p", {class: "hint"}, "text", child...) */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs ?? {})) {
      if (value === undefined || value === null) continue;
      if (key === "class") node.className = value;
      else if (key === "style") Object.assign(node.style, value);
      else node.setAttribute(key, String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.append(typeof child === "string" || typeof child === "number" ? String(child) : child);
    }
    return node;
  }

  function bar(parts) {
    const total = parts.reduce((sum, p) => sum + p.value, 0);
    const node = el("div", { class: "bar", role: "presentation" });
    if (total === 0) return node;
    for (const p of parts) {
      if (p.value <= 0) continue;
      node.append(
        el("span", { class: `b-${p.key}`, style: { width: `${(p.value * 100) / total}%` } }),
      );
    }
    return node;
  }

  function legend(items, prefix) {
    return el(
      "ul",
      { class: "legend" },
      ...items.map((i) => el("li", {}, el("i", { class: `${prefix}${i.key}` }), i.label)),
    );
  }

  function gridSection(grid) {
    const card = el(
      "section",
      { class: "card", id: "grid" },
      el("h2", {}, grid.title),
      el("p", { class: "hint" }, grid.hint),
      legend(
        grid.legend.map((l) => ({ key: l.state, label: l.label })),
        "s-",
      ),
    );
    if (grid.empty) card.append(el("p", { class: "empty" }, grid.empty));
    const labels = Object.fromEntries(grid.legend.map((l) => [l.state, l.label]));
    grid.buildings.forEach((b, i) => {
      const details = el(
        "details",
        { class: "building" },
        el(
          "summary",
          {},
          el("strong", { class: "building-title" }, b.title),
          el("span", { class: "building-summary" }, b.summary),
        ),
      );
      if (i === 0) details.open = true;
      for (const u of b.units) {
        details.append(
          el(
            "div",
            { class: "unit" },
            el("h3", {}, u.title),
            el(
              "div",
              { class: "rooms" },
              ...u.rooms.map((r) =>
                el(
                  "div",
                  {
                    class: `room s-${r.state}`,
                    title: `${r.room} · ${labels[r.state]}`,
                    "aria-label": `${r.room} ${labels[r.state]}`,
                    "data-state": r.state,
                  },
                  r.room,
                ),
              ),
            ),
          ),
        );
      }
      card.append(details);
    });
    return card;
  }

  const AGES = ["hour", "six_hours", "day", "three_days", "older"];

  function requestsSection(r) {
    const card = el(
      "section",
      { class: "card", id: "requests" },
      el("h2", {}, r.title),
      el("p", { class: "hint" }, r.hint),
    );
    if (r.empty) {
      card.append(el("p", { class: "empty" }, r.empty));
      return card;
    }
    const cells = (row, tag) => [
      el(tag, {}, row.label),
      ...row.counts.map((n, i) => el(tag, { class: `a-${AGES[i]}${n === 0 ? " n0" : ""}` }, n)),
      el(tag, { class: "sum" }, row.total),
    ];
    const table = el(
      "table",
      { class: "ages" },
      el("thead", {}, el("tr", {}, ...r.columns.map((c) => el("th", { scope: "col" }, c)))),
      el("tbody", {}, ...r.rows.map((row) => el("tr", {}, ...cells(row, "td")))),
      el("tfoot", {}, el("tr", {}, ...cells(r.total, "td"))),
    );
    card.append(el("div", { class: "scroll" }, table));
    return card;
  }

  function checkinSection(c) {
    const card = el("section", { class: "card", id: "checkin" }, el("h2", {}, c.title));
    if (c.note) card.append(el("p", { class: "note" }, c.note));
    if (c.empty) {
      card.append(el("p", { class: "empty" }, c.empty));
      return card;
    }
    for (const b of c.buildings) {
      card.append(
        el(
          "div",
          { class: "row" },
          el("div", { class: "head" }, el("strong", {}, b.label), el("b", {}, `${b.complete}%`)),
          bar([
            { key: "complete", value: b.complete },
            { key: "partial", value: b.partial },
            { key: "missing", value: Math.max(0, 100 - b.complete - b.partial) },
          ]),
          el("div", { class: "line" }, b.line),
        ),
      );
    }
    card.append(el("p", { class: "total" }, c.total));
    return card;
  }

  function noticesSection(n) {
    const card = el("section", { class: "card", id: "notices" }, el("h2", {}, n.title));
    if (n.empty) {
      card.append(el("p", { class: "empty" }, n.empty));
      return card;
    }
    card.append(legend(n.legend, "b-"));
    for (const item of n.items) {
      card.append(
        el(
          "div",
          { class: "row notice" },
          el(
            "div",
            { class: "head" },
            el(
              "strong",
              {},
              item.heading,
              item.urgent ? el("span", { class: "badge" }, item.urgent) : null,
            ),
          ),
          item.excerpt ? el("p", { class: "excerpt" }, item.excerpt) : null,
          bar(n.legend.map((l) => ({ key: l.key, value: item.parts[l.key] ?? 0 }))),
          el("div", { class: "line" }, item.figures),
        ),
      );
    }
    return card;
  }

  function header(view) {
    const button = el("button", { class: "refresh", type: "button" }, view.refresh);
    button.addEventListener("click", () => load());
    return el(
      "header",
      { class: "top" },
      el("div", {}, el("h1", {}, view.title), el("p", { id: "updated" }, view.updated)),
      button,
    );
  }

  function render(view) {
    document.documentElement.lang = view.lang;
    document.title = view.title;
    const main = document.getElementById("app");
    main.replaceChildren(
      header(view),
      gridSection(view.grid),
      requestsSection(view.requests),
      checkinSection(view.checkin),
      noticesSection(view.notices),
    );
    main.setAttribute("aria-busy", "false");
  }

  function problem(title, message, lang) {
    if (lang) document.documentElement.lang = lang;
    const main = document.getElementById("app");
    const retry = el("button", { class: "refresh", type: "button" }, document.body.dataset.refresh);
    retry.addEventListener("click", () => load());
    main.replaceChildren(
      el(
        "section",
        { class: "card problem", id: "problem", role: "alert" },
        title ? el("h2", {}, title) : null,
        el("p", {}, message),
        retry,
      ),
    );
    main.setAttribute("aria-busy", "false");
  }

  async function load() {
    let response;
    try {
      response = await fetch("api/overview", {
        headers: { authorization: `tma ${initData()}` },
        cache: "no-store",
      });
    } catch {
      problem(null, document.body.dataset.failed);
      return;
    }
    let body = null;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    if (response.ok && body) render(body);
    else if (body?.message) problem(body.title, body.message, body.lang);
    else problem(null, document.body.dataset.failed);
  }

  applyTheme();
  postEvent("web_app_ready");
  postEvent("web_app_expand");
  load();
})();
