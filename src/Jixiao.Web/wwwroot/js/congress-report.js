// 人大报告: coverage shares and grades per department, drawn from the page's own JSON handler (?handler=Chart); no inline script (CSP).
(function () {
    var cov = document.getElementById("chart-coverage");
    var grades = document.getElementById("chart-congress-grades");
    if (!cov || typeof echarts === "undefined") return;
    var colors = ["#198754", "#0d6efd", "#ffc107", "#dc3545"];
    fetch(cov.getAttribute("data-url"), { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(function (d) {
            var c1 = echarts.init(cov, null, { renderer: "canvas" });
            c1.setOption({
                title: { text: "各环节覆盖率（%）", left: "center", textStyle: { fontSize: 13 } },
                tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
                legend: { top: 22, data: ["项目占比", "金额占比"] },
                grid: { left: 8, right: 16, bottom: 8, top: 56, containLabel: true },
                xAxis: { type: "category", data: d.coverage.map(function (x) { return x.name; }) },
                yAxis: { type: "value", max: 100 },
                series: [
                    { name: "项目占比", type: "bar", itemStyle: { color: "#2f5597" }, data: d.coverage.map(function (x) { return x.projects; }) },
                    { name: "金额占比", type: "bar", itemStyle: { color: "#a5a5a5" }, data: d.coverage.map(function (x) { return x.amount; }) }
                ]
            });
            cov.setAttribute("data-rendered", "true");
            var c2 = echarts.init(grades, null, { renderer: "canvas" });
            c2.setOption({
                title: d.departments.length ? { text: "各部门评价等级分布", left: "center", textStyle: { fontSize: 13 } }
                    : { text: "暂无评价结果", left: "center", top: "middle", textStyle: { color: "#6c757d", fontSize: 14, fontWeight: "normal" } },
                tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
                legend: { top: 22, data: d.grades },
                grid: { left: 8, right: 16, bottom: 8, top: 56, containLabel: true },
                xAxis: { type: "value", minInterval: 1 },
                yAxis: { type: "category", inverse: true, data: d.departments.map(function (x) { return x.departmentName; }), axisLabel: { width: 150, overflow: "truncate" } },
                series: d.grades.map(function (g, i) {
                    return { name: g, type: "bar", stack: "grades", itemStyle: { color: colors[i] }, data: d.departments.map(function (x) { return x.counts[i]; }) };
                })
            });
            grades.setAttribute("data-rendered", "true");
            window.addEventListener("resize", function () { c1.resize(); c2.resize(); });
        })
        .catch(function () { cov.textContent = "图表数据加载失败，请刷新页面重试。"; });
})();
