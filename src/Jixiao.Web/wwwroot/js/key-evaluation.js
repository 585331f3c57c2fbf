// 重点评价 pages: live totals of the framework editor (total 100, output + benefit at least the rule set's minimum, or the six
// whole-department dimensions present),
// the score sheet's running total, a confirmation on buttons that finish something, and the chart of score against weight
// per level-1 group from the page's data attribute. No inline script (CSP).
(function () {
    function num(el) { var v = parseFloat(el.value); return isNaN(v) ? 0 : v; }
    function round(v) { return Math.round(v * 10000) / 10000; }
    // The framework editor's rows: output + benefit against the rule set's minimum (projects, policies), or the six dimensions
    // all present (a department's whole spending); the server repeats every check in Chinese when the rows are saved.
    function frameworkTotals() {
        var total = document.getElementById("framework-total");
        var ob = document.getElementById("framework-output-benefit");
        var dims = document.getElementById("framework-dimensions");
        var rows = document.querySelectorAll("tr[data-framework-row]");
        if (!total || rows.length === 0) return;
        var sum = 0, outputBenefit = 0, seen = {};
        rows.forEach(function (row) {
            var weight = row.querySelector("input[data-key-weight]");
            var level1 = row.querySelector("select[data-key-level1]");
            var v = weight ? num(weight) : 0;
            var l1 = level1 ? level1.value : "";
            sum += v;
            if (l1 === "Output" || l1 === "Benefit") outputBenefit += v;
            if (l1) seen[l1] = true;
        });
        sum = round(sum);
        outputBenefit = round(outputBenefit);
        total.textContent = String(sum);
        total.classList.toggle("text-success", sum === 100);
        total.classList.toggle("text-danger", sum !== 100);
        if (ob) {
            var min = parseFloat(ob.getAttribute("data-minimum"));
            ob.textContent = String(outputBenefit);
            ob.classList.toggle("text-success", outputBenefit >= min);
            ob.classList.toggle("text-danger", outputBenefit < min);
        }
        if (dims) {
            var required = parseInt(dims.getAttribute("data-required"), 10);
            var count = Object.keys(seen).length;
            dims.textContent = String(count);
            dims.classList.toggle("text-success", count === required);
            dims.classList.toggle("text-danger", count !== required);
        }
    }
    function sheetTotal() {
        var out = document.getElementById("sheet-total");
        if (!out) return;
        var sum = 0;
        document.querySelectorAll("input[data-sheet-points]").forEach(function (el) { sum += num(el); });
        out.textContent = String(Math.round(sum * 100) / 100);
    }
    document.addEventListener("change", function (e) {
        if (e.target instanceof HTMLSelectElement && e.target.hasAttribute("data-key-level1")) frameworkTotals();
    });
    document.addEventListener("input", function (e) {
        var el = e.target;
        if (!(el instanceof HTMLInputElement)) return;
        if (el.hasAttribute("data-key-weight")) frameworkTotals();
        if (el.hasAttribute("data-sheet-points")) sheetTotal();
    });
    document.addEventListener("click", function (e) {
        var button = e.target instanceof Element ? e.target.closest("button[data-confirm-click]") : null;
        if (button && !window.confirm(button.getAttribute("data-confirm-click"))) e.preventDefault();
    });
    frameworkTotals();
    sheetTotal();

    var chart = document.getElementById("key-chart");
    if (!chart || typeof echarts === "undefined") return;
    var groups = JSON.parse(chart.getAttribute("data-groups") || "[]");
    var c = echarts.init(chart, null, { renderer: "canvas" });
    c.setOption({
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        legend: { top: 0, data: ["权重", "得分"] },
        grid: { left: 8, right: 16, bottom: 8, top: 36, containLabel: true },
        xAxis: { type: "category", data: groups.map(function (g) { return g.name; }) },
        yAxis: { type: "value", min: 0, name: "分" },
        series: [
            { name: "权重", type: "bar", data: groups.map(function (g) { return g.weight; }), itemStyle: { color: "#adb5bd" }, label: { show: true, position: "top" } },
            { name: "得分", type: "bar", data: groups.map(function (g) { return g.score; }), itemStyle: { color: "#a61b29" }, label: { show: true, position: "top" } }
        ]
    });
    chart.setAttribute("data-rendered", "true");
    window.addEventListener("resize", function () { c.resize(); });
})();
