/* gerdy · charts.js — the Progress charts (plain script, `defer`), drawn with the vendored
 * uPlot (static/vendor/uplot-*.min.js, from the npm registry).
 *
 * Hooks: `<div data-chart="pain|weekly-minutes|adherence|gate" data-src="/api/progress/...">`.
 * Each chart fetches its JSON (same origin, with the session cookie) and draws:
 *   pain            daily pain in daily activities and at rest, 0-10
 *   weekly-minutes  running minutes per programme week (bars) against the cap (+10%, RTR-4)
 *   adherence       sessions done / prescribed, as %
 *   gate            the return-to-run check's pain-free streak against the days it needs
 * The JSON may be the list of points itself, or an object holding it under the series' name
 * (`pain`, `weekly_minutes`, `adherence`, `gate`, as in gerdy.reports.progress.Progress), or
 * under `points`. Point fields are those of gerdy.reports.progress (PainPoint, WeekPoint, ...).
 *
 * The tables next to the charts stay: they are the no-JS view and what screen readers read.
 * A chart is an image to assistive technology (role="img", named by its heading) with a
 * one-line text summary under it. Nothing animates (uPlot draws statically), so reduced
 * motion needs no special case; colours follow the page's light/dark CSS variables.
 */
(function () {
  "use strict";

  var containers = document.querySelectorAll("[data-chart][data-src]");
  if (!containers.length) return;

  var HEIGHT = 220;
  var DENSE_DAYS = 90; // up to this many days, each day's value is drawn as a dot too
  var QUIET_SUMMARY = { adherence: true, gate: true };
  var KEYS = {
    pain: "pain",
    "weekly-minutes": "weekly_minutes",
    adherence: "adherence",
    gate: "gate",
  };

  function cssVar(name, fallback) {
    var value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return value || fallback;
  }

  function colours() {
    return {
      fg: cssVar("--fg", "#1b1f23"),
      muted: cssVar("--muted", "#5a6169"),
      line: cssVar("--line", "#d6d9dc"),
      accent: cssVar("--accent", "#0b6e4f"),
      red: cssVar("--red", "#b00020"),
      amber: cssVar("--amber", "#7a4d00"),
    };
  }

  // "#rrggbb" + alpha as "#rrggbbaa"; any other colour is used as it is.
  function alpha(colour, hex) {
    return /^#[0-9a-f]{6}$/i.test(colour) ? colour + hex : colour;
  }

  function points(json, kind) {
    if (Array.isArray(json)) return json;
    if (json && typeof json === "object") {
      var key = KEYS[kind];
      if (Array.isArray(json[key])) return json[key];
      if (Array.isArray(json.points)) return json.points;
    }
    return [];
  }

  function day(iso) {
    var parts = String(iso).split("-").map(Number);
    return new Date(parts[0], parts[1] - 1, parts[2]).getTime() / 1000;
  }

  var DAY_S = 86400;
  // A time axis over at least a week: one day alone would otherwise span years.
  function dayRange(u, min, max) {
    if (min === null || max === null) return [min, max];
    if (max - min < 6 * DAY_S) {
      var middle = (min + max) / 2;
      return [middle - 3.5 * DAY_S, middle + 3.5 * DAY_S];
    }
    return [min - DAY_S / 2, max + DAY_S / 2];
  }
  // A fixed range from the data (uPlot's own range for one point spans years).
  function timeX(x) {
    return { time: true, auto: false, range: dayRange(null, x[0], x[x.length - 1]) };
  }

  function value(v) {
    return v === null || v === undefined ? null : Number(v);
  }

  function axes(c, yLabel, yValues) {
    var common = {
      stroke: c.muted,
      grid: { stroke: c.line, width: 1 },
      ticks: { stroke: c.line, width: 1 },
      font: "12px system-ui, sans-serif",
    };
    // Room for the widest tick label ("100%") and the title beside it, so they never overlap.
    var y = Object.assign({}, common, {
      label: yLabel,
      labelFont: "12px system-ui, sans-serif",
      labelSize: 20,
      labelGap: 4,
      size: 48,
    });
    if (yValues) y.values = yValues;
    return [Object.assign({}, common), y];
  }

  function noPath() {
    return null;
  }

  // The weekly cap as a dashed line across each week (any number of weeks, one included).
  function drawCaps(rows, c) {
    return function (u) {
      var ctx = u.ctx;
      ctx.save();
      ctx.strokeStyle = c.red;
      ctx.lineWidth = 2 * (window.devicePixelRatio || 1);
      ctx.setLineDash([6, 4]);
      rows.forEach(function (r) {
        var cap = value(r.cap);
        if (cap === null) return;
        var y = u.valToPos(cap, "y", true);
        ctx.beginPath();
        ctx.moveTo(u.valToPos(Number(r.week) - 0.45, "x", true), y);
        ctx.lineTo(u.valToPos(Number(r.week) + 0.45, "x", true), y);
        ctx.stroke();
      });
      ctx.restore();
    };
  }

  // Each builder returns {options, data, summary}.
  var BUILDERS = {
    pain: function (rows, c) {
      var x = rows.map(function (r) {
        return day(r.date);
      });
      var last = rows.filter(function (r) {
        return r.pain_daily !== null && r.pain_daily !== undefined;
      });
      var latest = last.length ? last[last.length - 1] : null;
      // Check-ins are often missed: isolated days have no line, so draw dots while they fit.
      var dots = rows.length <= DENSE_DAYS;
      return {
        data: [
          x,
          rows.map(function (r) {
            return value(r.pain_daily);
          }),
          rows.map(function (r) {
            return value(r.pain_rest);
          }),
        ],
        options: {
          scales: { x: timeX(x), y: { range: [0, 10] } },
          axes: axes(c, "pain 0-10"),
          series: [
            {},
            { label: "Daily activities", stroke: c.red, width: 2, points: { show: dots, size: 6 } },
            { label: "At rest", stroke: c.amber, width: 2, dash: [6, 4], points: { show: dots, size: 5 } },
          ],
        },
        summary: latest
          ? "Latest check-in " + latest.date + ": " + latest.pain_daily + "/10 in daily activities" +
            (latest.pain_rest !== null && latest.pain_rest !== undefined ? ", " + latest.pain_rest + "/10 at rest." : ".")
          : "No check-ins yet.",
      };
    },
    "weekly-minutes": function (rows, c) {
      var x = rows.map(function (r) {
        return Number(r.week);
      });
      var latest = rows.length ? rows[rows.length - 1] : null;
      var bars = window.uPlot.paths && window.uPlot.paths.bars ? window.uPlot.paths.bars({ size: [0.6, 48] }) : null;
      // the cap is in the legend only when a week shown has one (return weeks and the break
      // track have none: the table says what held them)
      var anyCap = rows.some(function (r) {
        return value(r.cap) !== null;
      });
      var series = [
        { label: "Week" },
        { label: "Minutes run", stroke: c.accent, fill: alpha(c.accent, "99"), width: 1, paths: bars, points: { show: false } },
      ];
      var data = [
        x,
        rows.map(function (r) {
          return value(r.minutes);
        }),
      ];
      if (anyCap) {
        // drawn by the hook below: a dashed line across each week's bar at its cap
        series.push({ label: "Cap", stroke: c.red, width: 2, dash: [6, 4], paths: noPath, points: { show: false } });
        data.push(rows.map(function (r) {
          return value(r.cap);
        }));
      }
      return {
        data: data,
        options: {
          scales: {
            x: {
              time: false,
              range: function (u, min, max) {
                return [min - 0.5, max + 0.5];
              },
            },
            y: {
              range: function (u, min, max) {
                return [0, Math.max(10, (max || 0) * 1.15)];
              },
            },
          },
          axes: [
            Object.assign(axes(c, "")[0], {
              // a tick on the weeks there are (every few weeks when there are many)
              splits: function () {
                var every = Math.ceil(x.length / 8);
                return x.filter(function (week, i) {
                  return (x.length - 1 - i) % every === 0;
                });
              },
              values: function (u, splits) {
                return splits.map(function (v) {
                  return "wk " + v;
                });
              },
            }),
            axes(c, "minutes")[1],
          ],
          series: series,
          hooks: { draw: [drawCaps(rows, c)] },
        },
        summary: latest
          ? "Week " + latest.week + ": " + latest.minutes + " min run" +
            (latest.cap !== null && latest.cap !== undefined ? " of a " + latest.cap + " min cap." : ".")
          : "No weeks yet.",
      };
    },
    adherence: function (rows, c) {
      var x = rows.map(function (r) {
        return day(r.date);
      });
      var done = 0;
      var prescribed = 0;
      rows.forEach(function (r) {
        done += Number(r.done) || 0;
        prescribed += Number(r.prescribed) || 0;
      });
      return {
        data: [
          x,
          rows.map(function (r) {
            var rate = r.recent_ratio !== undefined ? r.recent_ratio : r.ratio;
            return rate === null || rate === undefined ? null : Math.round(Number(rate) * 100);
          }),
        ],
        options: {
          scales: { x: timeX(x), y: { range: [0, 100] } },
          axes: axes(c, "% done", function (u, splits) {
            return splits.map(function (v) {
              return v + "%";
            });
          }),
          series: [{}, { label: "Done, last 14 days", stroke: c.accent, fill: alpha(c.accent, "33"), width: 2, points: { size: 5 } }],
        },
        summary: rows.length
          ? "Last 14 days: " +
            (rows[rows.length - 1].recent_ratio === null || rows[rows.length - 1].recent_ratio === undefined
              ? "nothing prescribed"
              : Math.round(rows[rows.length - 1].recent_ratio * 100) + "% done") +
            "."
          : "No days yet.",
        done: done,
        prescribed: prescribed,
      };
    },
    gate: function (rows, c) {
      var x = rows.map(function (r) {
        return day(r.date);
      });
      var latest = rows.length ? rows[rows.length - 1] : null;
      var stepped = window.uPlot.paths && window.uPlot.paths.stepped ? window.uPlot.paths.stepped({ align: 1 }) : null;
      return {
        data: [
          x,
          rows.map(function (r) {
            // Once the check is met it stays met (as the text under the chart says), so the
            // line holds at what was needed instead of following the streak back down.
            return r.met ? Math.max(value(r.pain_free_days) || 0, value(r.needed_days) || 0) : value(r.pain_free_days);
          }),
          rows.map(function (r) {
            return value(r.needed_days);
          }),
        ],
        options: {
          scales: {
            x: timeX(x),
            y: {
              range: function (u, min, max) {
                return [0, Math.max(3, max || 0) + 1];
              },
            },
          },
          axes: axes(c, "pain-free days"),
          series: [
            {},
            { label: "Pain-free days in a row", stroke: c.accent, width: 2, paths: stepped, points: { size: 4 } },
            { label: "Needed", stroke: c.muted, width: 2, dash: [6, 4], points: { show: false } },
          ],
        },
        summary: latest
          ? latest.met
            ? "Met: the return-to-run check is passed."
            : latest.pain_free_days + " of " + latest.needed_days + " pain-free days in a row."
          : "No days yet.",
      };
    },
  };

  function widthOf(container) {
    return Math.max(240, Math.floor(container.clientWidth || container.parentElement.clientWidth || 320));
  }

  function draw(container, json) {
    var kind = container.getAttribute("data-chart");
    var build = BUILDERS[kind];
    if (!build || !window.uPlot) return;
    var rows = points(json, kind);
    var summary = document.createElement("p");
    // Where the page already says the same in words (adherence, gate), the summary is for
    // screen readers only.
    summary.className = QUIET_SUMMARY[kind] ? "chart-summary visually-hidden" : "chart-summary";
    summary.id = container.id ? container.id + "-summary" : "";
    container.insertAdjacentElement("afterend", summary);
    container.setAttribute("role", "img");
    if (summary.id) container.setAttribute("aria-describedby", summary.id);
    var built = build(rows, colours());
    summary.textContent = built.summary;
    if (!rows.length) {
      container.setAttribute("data-chart-state", "empty");
      return;
    }
    var options = Object.assign(
      {
        width: widthOf(container),
        height: HEIGHT,
        legend: { live: false },
        cursor: { drag: { x: false, y: false } },
      },
      built.options,
    );
    container.textContent = "";
    var plot = new window.uPlot(options, built.data, container);
    container.gerdyPlot = plot; // for the browser tests: scales and data as drawn
    container.setAttribute("data-chart-state", "drawn");
    if ("ResizeObserver" in window) {
      var lastWidth = widthOf(container);
      new ResizeObserver(function () {
        var width = widthOf(container);
        if (width !== lastWidth) {
          lastWidth = width;
          plot.setSize({ width: width, height: HEIGHT });
        }
      }).observe(container);
    }
  }

  containers.forEach(function (container) {
    var src = container.getAttribute("data-src");
    container.setAttribute("data-chart-state", "loading");
    fetch(src, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(src + ": HTTP " + response.status);
        return response.json();
      })
      .then(function (json) {
        draw(container, json);
      })
      .catch(function (error) {
        container.setAttribute("data-chart-state", "failed");
        if (window.console) window.console.warn("gerdy chart", error);
      });
  });
})();
