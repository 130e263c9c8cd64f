// The dashboard's charts, drawn with ECharts from the document the page embeds (the same as GET /api/v1/dashboard).
// Every bar, region and point opens the ledger address its data carries. The wall mode re-reads the API on a timer.
(function () {
  "use strict";
  const root = document.getElementById("dashboard");
  const embedded = document.getElementById("dashboard-data");
  if (!root || !embedded || typeof echarts === "undefined") return;

  const wall = root.dataset.refresh !== undefined;
  const text = wall ? "#e8eef7" : "#333";
  const statusColors = { Done: "#2e7d32", PositiveProgress: "#81c784", InProgress: "#42a5f5", NotStarted: "#bdbdbd", Blocked: "#e53935" };
  const lightColors = { Red: "#d32f2f", Yellow: "#f5b800", Green: "#2e9d4f" };
  const registeredMaps = {};

  // ECharts shows a formatter's answer as HTML, and the names in it are the ledger's (a unit is named by whoever
  // imports or edits it): every value goes into a tooltip through this tag, which escapes it.
  const entities = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
  const escapeHtml = (value) => String(value).replace(/[&<>"']/g, (c) => entities[c]);
  const html = (strings, ...values) => strings.reduce((markup, part, i) => markup + escapeHtml(values[i - 1]) + part);

  function chartOf(id) {
    const element = document.getElementById(id);
    if (!element) return null;
    const chart = echarts.getInstanceByDom(element) || echarts.init(element);
    chart.off("click");
    chart.on("click", (params) => {
      const url = params.data && params.data.url;
      if (url) window.location.href = url;
    });
    return chart;
  }

  const base = { textStyle: { fontFamily: "sans-serif", color: text }, animation: !wall };

  function drawCategories(data) {
    const chart = chartOf("chart-categories");
    if (!chart) return;
    // ECharts draws the first category at the bottom; the wall has room for the top-level categories only.
    const bars = data.categories.filter((b) => !wall || b.level === 0).reverse();
    const labels = bars.map((b) => (b.level > 0 ? "　" : "") + b.label);
    const statuses = data.headline.byStatus.map((s) => ({ status: s.status, label: s.label }));
    const series = statuses.map((s, index) => ({
      name: s.label,
      type: "bar",
      stack: "status",
      itemStyle: { color: statusColors[s.status] },
      data: bars.map((b) => ({ value: b.byStatus[index].count, url: b.byStatus[index].url })),
    }));
    series.push({
      name: "文件所列数",
      type: "scatter",
      symbol: "diamond",
      symbolSize: 10,
      itemStyle: { color: "#8d6e63" },
      data: bars.map((b) => ({ value: b.declaredCount, url: b.url })),
    });
    chart.setOption({
      ...base,
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 0, textStyle: { color: text } },
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: "value", name: "项", axisLabel: { color: text } },
      yAxis: {
        type: "category",
        data: labels,
        axisLabel: { color: text, width: 260, overflow: "truncate" },
      },
      series,
    }, true);
    if (!wall) {
      chart.getDom().style.height = Math.max(320, bars.length * 26 + 80) + "px";
      chart.resize();
    }
  }

  // The data carries the best and the slowest ten (every unit when there are few); the slowest are drawn red.
  function drawRanking(id, rows, units, label) {
    const chart = chartOf(id);
    if (!chart) return;
    const ordered = rows.slice().reverse();
    const slowFrom = units > 20 ? units - 9 : Number.MAX_SAFE_INTEGER;
    chart.setOption({
      ...base,
      tooltip: {
        trigger: "item",
        formatter: (p) => html`第 ${p.data.row.rank} 名 ${p.name}<br/>${label(p.data.row)}`,
      },
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%", color: text } },
      yAxis: { type: "category", data: ordered.map((r) => `${r.rank}. ${r.name}`), axisLabel: { color: text, width: 180, overflow: "truncate" } },
      series: [{
        type: "bar",
        label: { show: true, position: "right", formatter: "{c}%", color: text },
        data: ordered.map((r) => ({ value: r.rate, url: r.url, row: r, itemStyle: { color: r.rank >= slowFrom ? "#e57373" : "#4caf50" } })),
      }],
    }, true);
    if (!wall) {
      chart.getDom().style.height = Math.max(240, ordered.length * 22 + 40) + "px";
      chart.resize();
    }
  }

  function regionTooltip(region, view) {
    if (!region.unitId) return html`${region.name}<br/>${view === "Pairing" ? "非受援县" : "单位名录中没有对应单位"}`;
    const name = region.unitName === region.name ? region.name : `${region.unitName}（地图：${region.name}）`;
    const rate = region.rate === null ? "—" : region.rate.toFixed(1) + "%";
    let tooltip = html`<b>${name}</b>（${region.city}）<br/>事项 ${region.total} 项，落实到位 ${region.done} 项，完成率 ${rate}`
      + html`<br/>红灯 ${region.red} · 黄灯 ${region.yellow} · 绿灯 ${region.green}`;
    if (region.supportingUnits.length > 0) tooltip += html`<br/>对口支援：${region.supportingUnits.join("、")}`;
    if (region.pairing) tooltip += html`<br/>本年工作动态 ${region.pairing.activities} 条，争取资金 ${region.pairing.funds} 万元`;
    return tooltip;
  }

  function drawMap(data) {
    const element = document.getElementById("chart-map");
    if (!element) return;
    const map = data.map;
    const mapName = map.view;
    const draw = (geometry) => {
      if (!registeredMaps[mapName]) {
        echarts.registerMap(mapName, geometry);
        registeredMaps[mapName] = geometry;
      }
      const chart = chartOf("chart-map");
      const rate = map.metric === "Rate";
      const lightValue = { Green: 1, Yellow: 2, Red: 3 };
      const regions = map.regions.map((r) => ({
        name: r.name,
        value: r.unitId && r.total > 0 ? (rate ? r.rate : lightValue[r.light]) : null,
        url: r.url,
        region: r,
      }));
      chart.setOption({
        ...base,
        tooltip: { trigger: "item", formatter: (p) => (p.data ? regionTooltip(p.data.region, map.view) : html`${p.name}`) },
        visualMap: rate
          ? { type: "continuous", min: 0, max: 100, text: ["完成率 100%", "0%"], calculable: false, left: 8, bottom: 8,
              inRange: { color: ["#fde0dc", "#f9bd63", "#8bc34a", "#2e7d32"] }, textStyle: { color: text } }
          : { type: "piecewise", left: 8, bottom: 8, textStyle: { color: text },
              pieces: [{ value: 3, label: "有红灯", color: lightColors.Red }, { value: 2, label: "有黄灯", color: lightColors.Yellow }, { value: 1, label: "全部绿灯", color: lightColors.Green }] },
        series: [{
          type: "map",
          map: mapName,
          roam: false,
          label: { show: true, fontSize: wall ? 12 : 10, color: "#222" },
          itemStyle: { areaColor: "#eeeeee", borderColor: "#fff" },
          emphasis: { label: { show: true }, itemStyle: { areaColor: "#ffe082" } },
          data: regions,
        }],
      }, true);
      const drawn = geometry.features.map((f) => f.properties.name);
      element.dataset.regions = String(drawn.length);
      element.dataset.matched = String(map.regions.filter((r) => r.unitId && drawn.includes(r.name)).length);
      element.dataset.ready = "true";
    };
    if (registeredMaps[mapName]) {
      draw(registeredMaps[mapName]);
      return;
    }
    fetch(map.geometryUrl)
      .then((response) => {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(draw)
      .catch(() => {
        element.textContent = "地图文件加载失败：" + map.geometryUrl;
        element.dataset.ready = "error";
      });
  }

  function drawTrend(data) {
    const chart = chartOf("chart-trend");
    if (!chart || data.trend.length === 0) return;
    const statuses = data.headline.byStatus;
    chart.setOption({
      ...base,
      tooltip: { trigger: "axis" },
      legend: { top: 0, textStyle: { color: text } },
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: "category", boundaryGap: false, data: data.trend.map((p) => p.round.name), axisLabel: { color: text } },
      yAxis: { type: "value", name: "项", axisLabel: { color: text } },
      series: statuses.map((s, index) => ({
        name: s.label,
        type: "line",
        stack: "status",
        areaStyle: {},
        symbolSize: 8,
        itemStyle: { color: statusColors[s.status] },
        data: data.trend.map((p) => ({ value: p.byStatus[index].count, url: p.byStatus[index].url })),
      })),
    }, true);
  }

  function updateFigures(data) {
    const set = (key, value, url) => {
      const link = root.querySelector(`[data-count="${key}"]`);
      if (!link) return;
      link.querySelector("b").textContent = value;
      link.setAttribute("href", url);
    };
    const h = data.headline;
    set("total", h.total, h.url);
    h.byStatus.forEach((s) => set("status:" + s.status, s.count, s.url));
    h.byLight.forEach((l) => set("light:" + l.light, l.count, l.url));
    set("overdue", h.overdue, h.overdueUrl);
    if (h.reporting) set("reporting", `${h.reporting.received} / ${h.reporting.due}`, h.reporting.url);
    const updated = document.getElementById("wall-updated");
    if (updated) updated.textContent = "数据时间：" + new Date(data.scope.generatedAt).toLocaleString("zh-CN", { hour12: false });
  }

  function drawAll(data) {
    drawCategories(data);
    drawRanking("chart-completion", data.units.completion, data.units.completionUnits, (r) => `牵头 ${r.total} 项，落实到位 ${r.done} 项，完成率 ${r.rate.toFixed(1)}%`);
    drawRanking("chart-punctuality", data.units.punctuality, data.units.punctualityUnits, (r) => `应报 ${r.due} 份，按时 ${r.onTime} 份，逾期 ${r.late} 份，未报 ${r.missing} 份`);
    drawMap(data);
    drawTrend(data);
  }

  drawAll(JSON.parse(embedded.textContent));
  window.addEventListener("resize", () => {
    root.querySelectorAll(".chart").forEach((element) => {
      const chart = echarts.getInstanceByDom(element);
      if (chart) chart.resize();
    });
  });

  if (wall) {
    const seconds = Number(root.dataset.refresh) || 60;
    const refresh = () =>
      fetch("/api/v1/dashboard" + (root.dataset.query || ""), { headers: { Accept: "application/json" } })
        .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
        .then((data) => {
          updateFigures(data);
          drawAll(data);
          root.dataset.refreshed = String(Number(root.dataset.refreshed || 0) + 1);
        })
        .catch(() => {
          const updated = document.getElementById("wall-updated");
          if (updated) updated.textContent = "刷新失败，稍后重试";
        });
    window.setInterval(refresh, seconds * 1000);
    const fullscreen = document.getElementById("wall-fullscreen");
    if (fullscreen) fullscreen.addEventListener("click", () => document.documentElement.requestFullscreen && document.documentElement.requestFullscreen());
  }
})();
