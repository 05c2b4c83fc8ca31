// ticker serve: charts (uPlot) over the data the server put in each
// [data-chart] element, and the live alert list (server-sent events).
// The pages read without it; this adds what needs a script.
(function () {
  "use strict";
  window.tickerLoadedAt = window.tickerLoadedAt || Date.now();

  function css(name, fallback) {
    var value = getComputedStyle(document.documentElement).getPropertyValue(name);
    return (value && value.trim()) || fallback;
  }

  function data(element) {
    var script = element.querySelector('script[type="application/json"]');
    try { return script ? JSON.parse(script.textContent) : null; } catch (e) { return null; }
  }

  function width(element, fallback) {
    return Math.max(120, Math.floor(element.clientWidth || fallback));
  }

  // Charts that follow their element's width (a phone turned, a window
  // resized): [element, plot, height].
  var sized = [];
  function follow(element, plot, height) {
    sized.push([element, plot, height]);
    return plot;
  }
  var resizing = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(function () {
      sized.forEach(function (entry) {
        entry[1].setSize({ width: width(entry[0], 640), height: entry[2] });
      });
    }, 150);
  });

  function spark(element, rows) {
    if (!rows || rows.length === 0) return;
    var xs = rows.map(function (r) { return r[0]; });
    var ys = rows.map(function (r) { return r[1]; });
    if (xs.length === 1) { xs = [xs[0] - 3600, xs[0]]; ys = [0, ys[0]]; }
    new uPlot({
      width: 140, height: 32, legend: { show: false }, cursor: { show: false },
      scales: { x: { time: true } },
      axes: [{ show: false }, { show: false }],
      series: [{}, { stroke: css("--accent", "#1565c0"), fill: css("--accent-soft", "rgba(21,101,192,.15)"), width: 1.5, points: { show: false } }]
    }, [xs, ys], element);
  }

  function bars(element, rows, label) {
    if (!rows || rows.length === 0) return;
    var xs = rows.map(function (r) { return r[0]; });
    var ys = rows.map(function (r) { return r[1]; });
    follow(element, new uPlot({
      width: width(element, 640), height: 180,
      scales: { x: { time: true } },
      series: [{}, { label: label, stroke: css("--accent", "#1565c0"), fill: css("--accent-soft", "rgba(21,101,192,.15)"), width: 1.5,
        paths: uPlot.paths && uPlot.paths.stepped ? uPlot.paths.stepped({ align: 1 }) : undefined }]
    }, [xs, ys], element), 180);
  }

  // A claim's values over time: one line with every value, the changed
  // values marked in the alert colour; hovering shows value and source.
  function claim(element, points) {
    if (!points || points.length < 2) return;
    var xs = [], ys = [], changed = [];
    points.forEach(function (p, i) {
      // uPlot needs increasing x: values at the same second step apart.
      var t = p.t;
      if (xs.length && t <= xs[xs.length - 1]) t = xs[xs.length - 1] + 1;
      xs.push(t); ys.push(p.y); changed.push(p.changed ? p.y : null);
    });
    var legend = document.createElement("p");
    legend.className = "chart-note";
    element.appendChild(legend);
    follow(element, new uPlot({
      width: width(element, 640), height: 200,
      scales: { x: { time: true } },
      axes: [{}, { size: 70 }],
      series: [
        {},
        { label: "value", stroke: css("--accent", "#1565c0"), width: 2, points: { size: 7 } },
        { label: "changed", stroke: css("--alert", "#c62828"), width: 0, points: { show: true, size: 12, fill: css("--alert", "#c62828") } }
      ],
      hooks: {
        setCursor: [function (u) {
          var i = u.cursor.idx;
          if (i == null || !points[i]) { legend.textContent = ""; return; }
          var p = points[i];
          legend.textContent = p.value + (p.changed ? " (changed)" : "") + (p.source ? " — " + p.source : "");
        }]
      }
    }, [xs, ys, changed], element), 200);
  }

  function drawCharts(root) {
    if (typeof uPlot === "undefined") return;
    root.querySelectorAll("[data-chart]").forEach(function (element) {
      if (element.dataset.drawn) return;
      element.dataset.drawn = "1";
      var rows = data(element);
      switch (element.dataset.chart) {
        case "spark": spark(element, rows); break;
        case "activity": bars(element, rows, "articles per hour"); break;
        case "throughput": bars(element, rows, "articles per minute"); break;
        case "claim": claim(element, rows); break;
      }
    });
  }

  function text(tag, className, content) {
    var element = document.createElement(tag);
    if (className) element.className = className;
    if (content != null) element.textContent = content;
    return element;
  }

  function link(href, content) {
    var a = text("a", null, content);
    a.href = href;
    return a;
  }

  // One alert as the server renders it (built with DOM calls: no markup
  // from the data is ever parsed).
  function alertItem(alert) {
    var li = text("li", "alert " + alert.reason + " fresh");
    li.dataset.alert = alert.alert_id;
    li.appendChild(text("span", "badge", alert.reason === "value_changed" ? "value changed" : "new claim"));
    li.appendChild(document.createTextNode(" "));
    li.appendChild(text("span", "summary", alert.summary));
    var meta = text("div", "meta");
    var when = text("time", null, new Date(alert.received_at).toISOString().slice(0, 16).replace("T", " ") + " UTC");
    when.setAttribute("datetime", alert.received_at);
    meta.appendChild(when);
    meta.appendChild(document.createTextNode(" · "));
    meta.appendChild(link("/story/" + encodeURIComponent(alert.story_id), alert.story_label || "story"));
    meta.appendChild(document.createTextNode(" · "));
    if (alert.article_url) {
      var a = link(alert.article_url, alert.article_title || "article");
      a.rel = "noopener noreferrer";
      meta.appendChild(a);
    } else {
      meta.appendChild(document.createTextNode(alert.article_id));
    }
    li.appendChild(meta);
    return li;
  }

  function liveAlerts() {
    var list = document.getElementById("alerts");
    if (!list || typeof EventSource === "undefined") return;
    var count = document.getElementById("alert-count");
    var source = new EventSource("/events/alerts" + window.location.search);
    source.addEventListener("alert", function (event) {
      var alert;
      try { alert = JSON.parse(event.data); } catch (e) { return; }
      if (list.querySelector('[data-alert="' + CSS.escape(alert.alert_id) + '"]')) return;
      list.insertBefore(alertItem(alert), list.firstChild);
      var empty = document.getElementById("no-alerts");
      if (empty) empty.remove();
      if (count) count.textContent = String(list.children.length);
    });
    source.addEventListener("reload", function () {
      fetch("/api/alerts" + window.location.search).then(function (r) { return r.json(); }).then(function (alerts) {
        list.textContent = "";
        alerts.forEach(function (alert) { list.appendChild(alertItem(alert)); });
        if (count) count.textContent = String(list.children.length);
      });
    });
    source.onopen = function () { document.body.dataset.live = "open"; };
    source.onerror = function () { document.body.dataset.live = "reconnecting"; };
  }

  function start() {
    drawCharts(document);
    liveAlerts();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
