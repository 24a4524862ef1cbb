// `wx` for the simulated mini-program: every API records its calls, and the ones that reach
// outside the phone (network, camera, album, login, navigation) are stand-ins the checks steer.
// The network stand-in answers by route (`routes`), as the API would; a route without an answer
// gets a 404 error body, which pages must survive. Nothing here runs our API: what the pages send
// is asserted here, and what the API does with it is tested by the API suites and e2e.

const API_PREFIX = "/functions/v1/api";

/** A canvas node of type 2d that records what is drawn on it. */
function canvasNode(id) {
  const ops = [];
  const ctx = new Proxy({}, {
    get: (target, key) =>
      key in target
        ? target[key]
        : typeof key === "string" && /^(fill|stroke|draw|clear|measure)/.test(key)
        ? (...args) => {
          ops.push([
            key,
            ...args.map((a) => (a && typeof a === "object" && "src" in a ? { image: a.src } : a)),
          ]);
          return key === "measureText" ? { width: String(args[0]).length * 30 } : undefined;
        }
        : undefined,
    set: (target, key, value) => {
      target[key] = value;
      return true;
    },
  });
  return {
    id,
    ops,
    width: 300,
    height: 150,
    getContext: () => ctx,
    createImage() {
      const img = { onload: null, onerror: null, _src: "" };
      Object.defineProperty(img, "src", {
        get: () => img._src,
        set(v) {
          img._src = v;
          setTimeout(() => (v ? img.onload?.() : img.onerror?.()), 0);
        },
      });
      return img;
    },
  };
}

/**
 * Wraps the simulator's `wx` (base) so that every call is recorded, with stand-ins for the
 * outside world. `state` is what the checks set and read between steps; `reset()` clears it.
 */
export function createWx(base) {
  const state = {
    calls: [],
    requests: [],
    storage: new Map(),
    routes: {},
    canvases: new Map(),
    /** The answer of the next showModal: `(opts) => boolean` (confirm). */
    modal: () => false,
    /** What scanCode reads, or null for a closed scanner. */
    scan: null,
    /** WeChat's own text size as a factor of its standard size (wx.getAppBaseInfo). */
    fontScale: 1,
    counter: 0,
  };
  const later = (fn) => setTimeout(fn, 0);
  const ok = (opts, result, name) =>
    later(() => {
      const res = { errMsg: `${name}:ok`, ...result };
      opts?.success?.(res);
      opts?.complete?.(res);
    });
  const fail = (opts, errMsg) =>
    later(() => {
      opts?.fail?.({ errMsg });
      opts?.complete?.({ errMsg });
    });

  /** The API's answer to one request: { status, body } from `routes`, else a 404 error body. */
  function answer(method, url, data) {
    const u = new URL(url);
    const path = u.pathname.startsWith(API_PREFIX)
      ? u.pathname.slice(API_PREFIX.length)
      : u.pathname;
    const key = `${method} ${path}`;
    const hit = state.routes[key] ?? state.routes[`${method} ${path}${u.search}`];
    const entry = { method, url, path, query: Object.fromEntries(u.searchParams), data };
    state.requests.push(entry);
    if (!hit) {
      return {
        status: 404,
        body: { error: { code: "not_found", message: `（检查用）${key} 没有应答` } },
      };
    }
    const res = typeof hit === "function" ? hit(entry) : hit;
    return res.status ? res : { status: 200, body: res };
  }

  const overrides = {
    request(opts) {
      const method = (opts.method ?? "GET").toUpperCase();
      const data = typeof opts.data === "string" ? JSON.parse(opts.data) : opts.data;
      const res = answer(method, opts.url, data);
      ok(opts, { statusCode: res.status, data: res.body, header: {} }, "request");
      return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {} };
    },
    uploadFile(opts) {
      const res = answer("POST", opts.url, { file: opts.filePath, ...opts.formData });
      ok(opts, { statusCode: res.status, data: JSON.stringify(res.body) }, "uploadFile");
      return { abort() {}, onProgressUpdate() {} };
    },
    downloadFile(opts) {
      const res = answer("GET", opts.url, undefined);
      ok(opts, {
        statusCode: res.status,
        tempFilePath: `http://tmp/download-${++state.counter}.png`,
      }, "downloadFile");
      return { abort() {}, onProgressUpdate() {} };
    },
    login: (opts) => ok(opts, { code: `login-code-${++state.counter}` }, "login"),
    scanCode: (opts) =>
      state.scan === null
        ? fail(opts, "scanCode:fail cancel")
        : ok(opts, { result: state.scan, scanType: "QR_CODE", charSet: "utf-8" }, "scanCode"),
    showModal: (opts) => {
      const confirm = Boolean(state.modal(opts));
      ok(opts, { confirm, cancel: !confirm }, "showModal");
    },
    getStorageSync: (key) => state.storage.get(key) ?? "",
    // WeChat's font size (我-设置-通用-字体大小): 17 px at 标准 on iOS, fontSizeScaleFactor its ratio.
    getAppBaseInfo: () => ({
      SDKVersion: "3.7.0",
      language: "zh_CN",
      version: "8.0.50",
      fontSizeScaleFactor: state.fontScale,
      fontSizeSetting: Math.round(17 * state.fontScale * 10) / 10,
    }),
    setStorageSync: (key, value) => void state.storage.set(key, value),
    removeStorageSync: (key) => void state.storage.delete(key),
    clearStorageSync: () => state.storage.clear(),
    createSelectorQuery() {
      const wanted = [];
      const query = {
        in: () => query,
        select: (selector) => {
          const item = {
            selector,
            fields: () => (wanted.push(selector), query),
            boundingClientRect: () => (wanted.push(selector), query),
            scrollOffset: () => (wanted.push(selector), query),
            node: () => (wanted.push(selector), query),
          };
          return item;
        },
        selectAll: (selector) => query.select(selector),
        selectViewport: () => query.select("viewport"),
        exec(cb) {
          // A canvas node exists only if the page really rendered a canvas with that id.
          const results = wanted.map((selector) => {
            const id = selector.startsWith("#") ? selector.slice(1) : null;
            // exparser keeps a node's id on its own element, not as a DOM attribute.
            const el = id &&
              [...document.querySelectorAll("*")].find((e) => e.__wxElement?.id === id);
            if (!el) return null;
            if (el.tagName.toLowerCase() === "wx-canvas") {
              if (!state.canvases.has(id)) state.canvases.set(id, canvasNode(id));
              return { node: state.canvases.get(id), width: 300, height: 150 };
            }
            return { width: 0, height: 0, top: 0, left: 0 };
          });
          later(() => cb?.(results));
        },
      };
      return query;
    },
    canvasToTempFilePath(opts) {
      if (!opts.canvas && !opts.canvasId) return fail(opts, "canvasToTempFilePath:fail no canvas");
      ok(
        opts,
        { tempFilePath: `http://tmp/canvas-${++state.counter}.png` },
        "canvasToTempFilePath",
      );
    },
    saveImageToPhotosAlbum: (opts) =>
      opts?.filePath
        ? ok(opts, {}, "saveImageToPhotosAlbum")
        : fail(opts, "saveImageToPhotosAlbum:fail invalid filePath"),
    chooseMedia: (opts) => fail(opts, "chooseMedia:fail cancel"),
    chooseLocation: (opts) => fail(opts, "chooseLocation:fail cancel"),
    getFileSystemManager: () => ({ readFileSync: () => "", writeFileSync() {}, accessSync() {} }),
  };
  for (
    const name of [
      "navigateTo",
      "redirectTo",
      "reLaunch",
      "switchTab",
      "navigateBack",
      "showToast",
      "hideToast",
      "showLoading",
      "hideLoading",
      "stopPullDownRefresh",
      "openSetting",
      "setNavigationBarTitle",
    ]
  ) {
    overrides[name] = (opts) => ok(opts, {}, name);
  }

  const api = {};
  for (const [name, fn] of Object.entries({ ...base, ...overrides })) {
    if (typeof fn !== "function") {
      api[name] = fn;
      continue;
    }
    api[name] = (...args) => {
      state.calls.push({ api: name, args });
      return fn(...args);
    };
  }
  // Taro's runtime keeps its chunks on wx.webpackJsonp: a plain property.
  return {
    api,
    state,
    /** The calls of one API, first argument of each. */
    calls: (name) => state.calls.filter((c) => c.api === name).map((c) => c.args[0]),
    reset() {
      state.calls.length = 0;
      state.requests.length = 0;
      state.storage.clear();
      state.routes = {};
      state.canvases.clear();
      state.modal = () => false;
      state.scan = null;
      state.fontScale = 1;
      state.counter = 0;
    },
  };
}
