// 项目支出绩效自评表: the score follows what the unit types. The form is posted (not saved) to the page's Score handler, which
// answers with each row's points and formula, the total, the grade; a button with data-confirm asks first.
(function () {
    var form = document.getElementById("self-form");
    if (!form) return;
    form.addEventListener("click", function (e) {
        var button = e.target.closest ? e.target.closest("button[data-confirm]") : null;
        if (button && !window.confirm(button.getAttribute("data-confirm"))) e.preventDefault();
    });
    if (form.getAttribute("data-editable") !== "true") return;
    var url = form.getAttribute("data-score-url");
    var status = document.getElementById("self-live-status");
    var timer = null;
    var seq = 0;

    function text(el, value) { if (el) el.textContent = value == null ? "" : value; }

    function show(r) {
        if (r.error) { text(status, r.error); return; }
        text(status, "");
        text(document.getElementById("self-execution-points"), r.executionPoints == null ? "—" : r.executionPoints);
        text(document.getElementById("self-execution-explanation"), r.executionExplanation);
        text(document.getElementById("self-total"), r.total);
        var grade = document.getElementById("self-grade");
        if (grade) {
            text(grade, r.gradeName);
            grade.setAttribute("data-grade", r.grade);
            grade.className = "badge fs-6 " + ({ Excellent: "bg-success", Good: "bg-primary", Fair: "bg-warning text-dark", Poor: "bg-danger" }[r.grade] || "bg-secondary");
        }
        var incomplete = document.getElementById("self-incomplete");
        if (incomplete) incomplete.classList.toggle("d-none", r.complete);
        var warnings = document.getElementById("self-warnings");
        if (warnings) {
            warnings.replaceChildren.apply(warnings, r.warnings.map(function (w) { var li = document.createElement("li"); li.textContent = w; return li; }));
            warnings.classList.toggle("d-none", r.warnings.length === 0);
        }
        r.indicators.forEach(function (i) {
            var row = form.querySelector("tr[data-row-id='" + i.id + "']");
            if (!row) return;
            text(row.querySelector(".row-points"), i.points);
            text(row.querySelector(".row-explanation"), i.explanation);
            text(row.querySelector(".row-error"), i.error);
            row.classList.toggle("table-warning", i.needsExplanation && !i.error && i.points !== "—");
        });
    }

    function score() {
        var mine = ++seq;
        text(status, "正在计算…");
        fetch(url, { method: "POST", body: new FormData(form), credentials: "same-origin", headers: { "Accept": "application/json" } })
            .then(function (response) { if (!response.ok) throw new Error(String(response.status)); return response.json(); })
            .then(function (r) { if (mine === seq) show(r); })
            .catch(function () { if (mine === seq) text(status, "得分暂时无法计算，保存时将重新计算。"); });
    }

    function schedule() {
        if (timer) clearTimeout(timer);
        timer = setTimeout(score, 300);
    }
    form.addEventListener("input", function (e) { if (e.target.matches("input, select")) schedule(); });
    form.addEventListener("change", function (e) { if (e.target.matches("select")) schedule(); });
})();
