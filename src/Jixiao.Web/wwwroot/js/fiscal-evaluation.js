// 财政运行评价: the counties' totals as a bar chart coloured by grade, drawn from the page's own JSON handler (?handler=Chart); no inline script (CSP).
(function () {
    var el = document.getElementById("chart-fiscal");
    if (!el || typeof echarts === "undefined") return;
    var colors = { "优": "#198754", "良": "#0d6efd", "中": "#ffc107", "差": "#dc3545" };
    fetch(el.getAttribute("data-url"), { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(function (d) {
            var chart = echarts.init(el, null, { renderer: "canvas" });
            chart.setOption({
                title: d.counties.length ? undefined : { text: "各县区数据齐全后显示得分", left: "center", top: "middle", textStyle: { color: "#6c757d", fontSize: 14, fontWeight: "normal" } },
                tooltip: { trigger: "axis", axisPointer: { type: "shadow" },
                    formatter: function (p) { var x = p[0]; return x.name + "：" + x.value + "分（" + d.grades[x.dataIndex] + "）"; } },
                grid: { left: 8, right: 16, bottom: 8, top: 24, containLabel: true },
                xAxis: { type: "category", data: d.counties },
                yAxis: { type: "value", min: 0, max: 100, name: "得分" },
                series: [{
                    type: "bar", barMaxWidth: 48,
                    data: d.totals.map(function (v, i) { return { value: v, itemStyle: { color: colors[d.grades[i]] || "#6c757d" } }; }),
                    label: { show: true, position: "top" },
                    markLine: { silent: true, symbol: "none", lineStyle: { type: "dashed", color: "#adb5bd" },
                        data: d.bands.map(function (b) { return { yAxis: b }; }) }
                }]
            });
            el.setAttribute("data-rendered", "true");
            el.setAttribute("data-counties", String(d.counties.length));
            window.addEventListener("resize", function () { chart.resize(); });
        })
        .catch(function () {
            el.textContent = "图表数据加载失败，请刷新页面重试。";
        });
})();
