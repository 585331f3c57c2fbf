// 评价结果: the grade distribution per department, drawn from the page's own JSON handler (?handler=Chart); no inline script (CSP).
(function () {
    var el = document.getElementById("chart-grades");
    if (!el || typeof echarts === "undefined") return;
    var colors = ["#198754", "#0d6efd", "#ffc107", "#dc3545"];
    fetch(el.getAttribute("data-url"), { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(function (d) {
            var chart = echarts.init(el, null, { renderer: "canvas" });
            chart.setOption({
                title: d.departments.length ? undefined : { text: "暂无已评分的评价", left: "center", top: "middle", textStyle: { color: "#6c757d", fontSize: 14, fontWeight: "normal" } },
                tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
                legend: { top: 0, data: d.grades },
                grid: { left: 8, right: 16, bottom: 8, top: 36, containLabel: true },
                xAxis: { type: "value", minInterval: 1, name: "评价数" },
                yAxis: { type: "category", data: d.departments.map(function (x) { return x.departmentName; }), inverse: true,
                    axisLabel: { width: 150, overflow: "truncate" } },
                series: d.grades.map(function (g, i) {
                    return { name: g, type: "bar", stack: "grades", itemStyle: { color: colors[i] }, emphasis: { focus: "series" },
                        data: d.departments.map(function (x) { return x.counts[i]; }) };
                })
            });
            el.setAttribute("data-rendered", "true");
            el.setAttribute("data-departments", String(d.departments.length));
            window.addEventListener("resize", function () { chart.resize(); });
        })
        .catch(function () {
            el.textContent = "图表数据加载失败，请刷新页面重试。";
        });
})();
