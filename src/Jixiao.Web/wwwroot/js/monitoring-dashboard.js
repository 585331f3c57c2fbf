// 监控看板: draws the charts from the page's own JSON handler (?handler=Data); no inline script (CSP).
(function () {
    var colors = document.getElementById("chart-colors");
    var curve = document.getElementById("chart-curve");
    if (!colors || !curve || typeof echarts === "undefined") return;
    function pct(v) { return (Math.round(v * 1000) / 10) + "%"; }
    fetch(colors.getAttribute("data-url"), { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(function (d) {
            var names = d.groups.map(function (g) { return g.name; });
            function series(name, key, color) {
                return { name: name, type: "bar", stack: "projects", itemStyle: { color: color }, emphasis: { focus: "series" },
                    data: d.groups.map(function (g) { return g[key]; }) };
            }
            var bars = echarts.init(colors, null, { renderer: "canvas" });
            bars.setOption({
                tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
                legend: { top: 0, data: ["红灯", "黄灯", "蓝灯", "绿灯"] },
                grid: { left: 8, right: 16, bottom: 8, top: 36, containLabel: true },
                xAxis: { type: "value", minInterval: 1, name: "项目数" },
                yAxis: { type: "category", data: names, inverse: true, axisLabel: { width: 150, overflow: "truncate" } },
                series: [series("红灯", "red", "#dc3545"), series("黄灯", "yellow", "#ffc107"), series("蓝灯", "blue", "#0d6efd"), series("绿灯", "green", "#198754")]
            });
            var line = echarts.init(curve, null, { renderer: "canvas" });
            line.setOption({
                tooltip: { trigger: "axis", valueFormatter: pct },
                legend: { top: 0, data: ["执行率", "时间进度"] },
                grid: { left: 8, right: 16, bottom: 8, top: 36, containLabel: true },
                xAxis: { type: "category", data: d.curve.map(function (c) { return c.month + "月"; }) },
                yAxis: { type: "value", min: 0, axisLabel: { formatter: pct } },
                series: [
                    { name: "执行率", type: "line", data: d.curve.map(function (c) { return c.executionRate; }), itemStyle: { color: "#a61b29" }, areaStyle: { opacity: 0.1 } },
                    { name: "时间进度", type: "line", data: d.curve.map(function (c) { return c.timeProgress; }), lineStyle: { type: "dashed" }, itemStyle: { color: "#6c757d" } }
                ]
            });
            colors.setAttribute("data-rendered", "true");
            curve.setAttribute("data-rendered", "true");
            window.addEventListener("resize", function () { bars.resize(); line.resize(); });
        })
        .catch(function () {
            colors.textContent = "看板数据加载失败，请刷新页面重试。";
        });
})();
