/*
 * growthcard — progressive enhancement. Every page works without this file;
 * it only adds conveniences. No inline handlers (the CSP forbids them):
 * behaviour is attached through data-* attributes.
 *
 *   [data-countdown-to="RFC3339"]     live hh:mm:ss countdown (text replaced)
 *   [data-countdown-done="text"]      optional text shown when it reaches zero
 *   [data-countdown-now="RFC3339"]    the server's now: counts on the server's
 *                                     clock, whatever the device's clock says
 *   form[data-confirm="message"]      confirm() before submitting
 *   button[data-confirm="message"]    same, for one submit button of a form
 *   input[data-select-all="name"]     toggles every input[name="name"] checkbox
 *   [data-chart='{"…ECharts option…"}'] draws an ECharts chart if window.echarts
 *   select[data-autosubmit]           submits its form on change (.lang-switch)
 *   .nav, .sidebar                    a sideways-scrolling tab row shows its
 *                                     [aria-current="page"] tab
 *
 * Content swapped in by htmx is enhanced too (htmx:load).
 */
(function () {
  "use strict";

  var doc = document;
  doc.documentElement.classList.add("js");

  var reducedMotion =
    window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function each(root, selector, fn) {
    var list = [];
    if (root.matches && root.matches(selector)) list.push(root);
    if (root.querySelectorAll) list = list.concat(Array.prototype.slice.call(root.querySelectorAll(selector)));
    list.forEach(fn);
  }

  /* ---------------------------------------------------------- countdowns */

  var countdowns = [];
  var ticking = false;

  function pad(n) {
    return n < 10 ? "0" + n : String(n);
  }

  function formatRemaining(ms) {
    var s = Math.max(0, Math.floor(ms / 1000));
    var h = Math.floor(s / 3600);
    var m = Math.floor((s % 3600) / 60);
    return pad(h) + ":" + pad(m) + ":" + pad(s % 60);
  }

  function renderCountdown(item, now) {
    var left = item.target - (now + item.offset);
    if (left <= 0) {
      item.el.textContent = item.el.getAttribute("data-countdown-done") || "00:00:00";
      item.el.classList.add("is-done");
      item.done = true;
      return;
    }
    var text = formatRemaining(left);
    if (item.el.textContent !== text) item.el.textContent = text;
  }

  function tick() {
    var now = Date.now();
    countdowns = countdowns.filter(function (item) {
      if (!item.el.isConnected) return false;
      renderCountdown(item, now);
      return !item.done;
    });
    if (countdowns.length === 0) {
      ticking = false;
      return;
    }
    // Wake just after the next whole second so the display never skips.
    setTimeout(tick, 1000 - (Date.now() % 1000) + 15);
  }

  function initCountdown(el) {
    if (el.hasAttribute("data-countdown-ready")) return;
    var target = Date.parse(el.getAttribute("data-countdown-to"));
    if (isNaN(target)) return; // keep the server-rendered text
    el.setAttribute("data-countdown-ready", "");
    // A phone's clock can be off by minutes; the server's is the one that counts.
    var serverNow = Date.parse(el.getAttribute("data-countdown-now") || "");
    var offset = isNaN(serverNow) ? 0 : serverNow - Date.now();
    var item = { el: el, target: target, offset: offset, done: false };
    renderCountdown(item, Date.now());
    if (item.done) return;
    countdowns.push(item);
    if (!ticking) {
      ticking = true;
      setTimeout(tick, 1000 - (Date.now() % 1000) + 15);
    }
  }

  /* -------------------------------------------------------------- confirm */

  // Capture phase on document: runs before htmx's own submit listener, so a
  // cancelled confirm stops both a normal and an htmx-boosted submission.
  doc.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      if (!(form instanceof HTMLFormElement)) return;
      var submitter = event.submitter;
      var message =
        (submitter && submitter.getAttribute && submitter.getAttribute("data-confirm")) ||
        form.getAttribute("data-confirm");
      if (!message) return;
      if (!window.confirm(message)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    },
    true
  );

  /* ----------------------------------------------------------- select all */

  function boxesFor(name) {
    var sel = 'input[type="checkbox"][name="' + cssEscape(name) + '"]';
    return Array.prototype.slice.call(doc.querySelectorAll(sel)).filter(function (b) {
      return !b.disabled;
    });
  }

  function cssEscape(s) {
    return window.CSS && CSS.escape ? CSS.escape(s) : s.replace(/["\\]/g, "\\$&");
  }

  function syncMaster(master) {
    var boxes = boxesFor(master.getAttribute("data-select-all"));
    var checked = boxes.filter(function (b) {
      return b.checked;
    }).length;
    master.checked = boxes.length > 0 && checked === boxes.length;
    master.indeterminate = checked > 0 && checked < boxes.length;
  }

  doc.addEventListener("change", function (event) {
    var el = event.target;
    if (!(el instanceof HTMLInputElement) && !(el instanceof HTMLSelectElement)) return;

    // (c) select all
    var group = el.getAttribute("data-select-all");
    if (group) {
      boxesFor(group).forEach(function (b) {
        if (b.checked !== el.checked) {
          b.checked = el.checked;
          b.dispatchEvent(new Event("change", { bubbles: true }));
        }
      });
      el.indeterminate = false;
      return;
    }
    if (el.type === "checkbox" && el.name) {
      each(doc, '[data-select-all="' + cssEscape(el.name) + '"]', syncMaster);
    }

    // (e) auto-submit (language switch)
    if (el.hasAttribute("data-autosubmit") && el.form) {
      if (el.form.requestSubmit) el.form.requestSubmit();
      else el.form.submit();
    }
  });

  /* --------------------------------------------------------------- charts */

  var charts = [];
  var theme = null;

  function registerTheme(echarts) {
    if (theme) return theme;
    theme = "growthcard";
    var font =
      '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", system-ui, sans-serif';
    echarts.registerTheme(theme, {
      color: ["#07C160", "#10AEFF", "#FA9D3B", "#576B95", "#FA5151", "#FFC300", "#7E57C2"],
      backgroundColor: "transparent",
      textStyle: { fontFamily: font, color: "#4d4d4d" },
      title: { textStyle: { color: "#191919", fontWeight: 600, fontSize: 15 } },
      legend: { textStyle: { color: "#4d4d4d" } },
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      categoryAxis: {
        axisLine: { lineStyle: { color: "#cccccc" } },
        axisTick: { show: false },
        axisLabel: { color: "#666666" },
        splitLine: { show: false }
      },
      valueAxis: {
        axisLine: { show: false },
        axisLabel: { color: "#666666" },
        splitLine: { lineStyle: { color: "#eeeeee" } }
      },
      line: { symbolSize: 6, smooth: false, lineStyle: { width: 2 } },
      bar: { barMaxWidth: 32, itemStyle: { borderRadius: [4, 4, 0, 0] } },
      tooltip: { backgroundColor: "rgba(25,25,25,0.9)", borderWidth: 0, textStyle: { color: "#fff" } }
    });
    return theme;
  }

  function initChart(el) {
    var echarts = window.echarts;
    if (!echarts || el.hasAttribute("data-chart-ready")) return;
    var option;
    try {
      option = JSON.parse(el.getAttribute("data-chart"));
    } catch (e) {
      if (window.console) console.warn("growthcard: bad data-chart JSON", e);
      return; // keep the fallback text
    }
    if (!option || typeof option !== "object") return;
    if (reducedMotion) option.animation = false;
    if (!option.aria) option.aria = { enabled: true };
    el.setAttribute("data-chart-ready", "");
    el.textContent = ""; // drop the no-JS fallback text
    el.classList.add("is-ready");
    var chart = echarts.init(el, registerTheme(echarts), { renderer: "canvas" });
    chart.setOption(option);
    charts.push({ el: el, chart: chart });
    if (window.ResizeObserver) {
      new ResizeObserver(function () {
        chart.resize();
      }).observe(el);
    }
  }

  var resizeQueued = false;
  window.addEventListener("resize", function () {
    if (resizeQueued) return;
    resizeQueued = true;
    window.requestAnimationFrame(function () {
      resizeQueued = false;
      charts = charts.filter(function (c) {
        if (!c.el.isConnected) {
          c.chart.dispose();
          return false;
        }
        c.chart.resize();
        return true;
      });
    });
  });

  /* ------------------------------------------------- current tab in view */

  // On a phone the navigation rows (.nav, the console's .sidebar) scroll sideways;
  // bring the current page's tab into view so the row shows where one is.
  function revealCurrent(bar) {
    var cur = bar.querySelector('[aria-current="page"]');
    if (!cur || bar.scrollWidth <= bar.clientWidth) return;
    var a = cur.getBoundingClientRect();
    var b = bar.getBoundingClientRect();
    bar.scrollLeft += a.left - b.left - (bar.clientWidth - a.width) / 2;
  }

  /* ------------------------------------------------------------- wiring */

  function enhance(root) {
    each(root, "[data-countdown-to]", initCountdown);
    each(root, "[data-select-all]", syncMaster);
    each(root, "[data-chart]", initChart);
  }

  function start() {
    enhance(doc);
    each(doc, ".nav, .sidebar", revealCurrent);
  }

  if (doc.readyState === "loading") {
    doc.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }

  // htmx fires htmx:load for every element it inserts.
  doc.addEventListener("htmx:load", function (event) {
    if (event.detail && event.detail.elt) enhance(event.detail.elt);
  });

  // ECharts may be loaded after this file (defer order); retry once it is there.
  window.addEventListener("load", function () {
    each(doc, "[data-chart]", initChart);
  });
})();
