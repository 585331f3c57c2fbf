// Small behaviours without inline script (the CSP forbids inline script).
document.addEventListener("change", function (e) {
    var el = e.target;
    if (el instanceof HTMLSelectElement && el.hasAttribute("data-autosubmit") && el.form) {
        el.form.requestSubmit();
    }
});
document.addEventListener("submit", function (e) {
    var form = e.target;
    var message = form.getAttribute && form.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
        e.preventDefault();
    }
});
// A file input with data-max-bytes refuses a too large file before it is uploaded (the server checks again).
document.addEventListener("change", function (e) {
    var el = e.target;
    if (el instanceof HTMLInputElement && el.type === "file" && el.hasAttribute("data-max-bytes")) {
        var max = parseInt(el.getAttribute("data-max-bytes"), 10);
        var tooLarge = Array.prototype.some.call(el.files || [], function (f) { return f.size > max; });
        el.setCustomValidity(tooLarge ? (el.getAttribute("data-max-bytes-message") || "文件过大。") : "");
        el.reportValidity();
    }
});

// ---- Level-2 selects follow their level-1 select (goal indicator rows, library filters and form). ----
function jxFilterLevel2(level1Select) {
    var scope = level1Select.closest("tr, form, .row") || document;
    var level2 = scope.querySelector("select[data-level2]");
    if (!level2) return;
    var code = level1Select.value;
    var current = level2.options[level2.selectedIndex];
    var firstVisible = null;
    Array.prototype.forEach.call(level2.options, function (o) {
        var owner = o.getAttribute("data-level1");
        var show = owner === null || code === "" || owner === code;
        o.hidden = !show;
        o.disabled = !show;
        if (show && owner !== null && !firstVisible) firstVisible = o;
    });
    if (!current || current.hidden) {
        if (level2.querySelector("option:not([data-level1])")) level2.value = "";
        else if (firstVisible) firstVisible.selected = true;
    }
}
document.addEventListener("change", function (e) {
    if (e.target instanceof HTMLSelectElement && e.target.hasAttribute("data-level1")) jxFilterLevel2(e.target);
});

// ---- Goal indicator table: add, remove, renumber, weight total, picks from the library. ----
function jxIndicatorBody() {
    var table = document.getElementById("indicator-table");
    return table ? table.tBodies[0] : null;
}
function jxRenumber() {
    var body = jxIndicatorBody();
    if (!body) return;
    Array.prototype.forEach.call(body.querySelectorAll("tr.indicator-row"), function (row, i) {
        row.querySelectorAll("[name^='Indicators[']").forEach(function (el) {
            el.name = el.name.replace(/^Indicators\[[^\]]*\]/, "Indicators[" + i + "]");
        });
        var no = row.querySelector(".row-no");
        if (no) no.textContent = String(i + 1);
    });
    jxWeightTotal();
}
function jxWeightTotal() {
    var out = document.getElementById("weight-total");
    var body = jxIndicatorBody();
    if (!out || !body) return;
    var sum = 0;
    body.querySelectorAll("input[data-weight]").forEach(function (el) {
        var v = parseFloat(el.value);
        if (!isNaN(v)) sum += v;
    });
    sum = Math.round(sum * 10000) / 10000;
    var target = parseFloat(out.getAttribute("data-target"));
    out.textContent = String(sum);
    out.classList.toggle("text-success", sum === target);
    out.classList.toggle("text-danger", sum !== target);
}
function jxAddIndicator(values) {
    var body = jxIndicatorBody();
    var template = document.getElementById("indicator-template");
    if (!body || !template) return null;
    var row = template.content.querySelector("tr").cloneNode(true);
    body.appendChild(row);
    var level1 = row.querySelector("select[data-level1]");
    if (values) {
        Object.keys(values).forEach(function (field) {
            var el = row.querySelector("[data-field='" + field + "']");
            if (el && values[field] !== null && values[field] !== undefined) el.value = values[field];
        });
    }
    if (level1) jxFilterLevel2(level1);
    if (values && values.Level2) row.querySelector("select[data-level2]").value = values.Level2;
    jxRenumber();
    return row;
}
function jxRowIsBlank(row) {
    return Array.prototype.every.call(row.querySelectorAll("input[data-field], textarea[data-field]"), function (el) {
        return el.type === "hidden" || el.value.trim() === "";
    }) && !row.querySelector("[data-field='LibraryIndicatorId']").value;
}
document.addEventListener("click", function (e) {
    var t = e.target instanceof Element ? e.target : null;
    if (!t) return;
    if (t.closest("#indicator-add")) {
        var row = jxAddIndicator(null);
        if (row) row.querySelector("[data-field='Name']").focus();
        return;
    }
    var remove = t.closest("[data-remove-row]");
    if (remove) {
        remove.closest("tr").remove();
        jxRenumber();
        return;
    }
    var pick = t.closest("button[data-pick]");
    if (pick) {
        var body = jxIndicatorBody();
        var rows = body ? body.querySelectorAll("tr.indicator-row") : [];
        if (rows.length === 1 && jxRowIsBlank(rows[0])) rows[0].remove();
        var added = jxAddIndicator({
            Level1: pick.getAttribute("data-level1"),
            Level2: pick.getAttribute("data-level2"),
            Name: pick.getAttribute("data-name"),
            Comparison: pick.getAttribute("data-comparison"),
            Unit: pick.getAttribute("data-unit"),
            ScoringStandard: pick.getAttribute("data-standard"),
            LibraryIndicatorId: pick.getAttribute("data-id")
        });
        if (added) {
            pick.textContent = "已添加";
            pick.classList.replace("btn-outline-primary", "btn-success");
            added.classList.add("table-success");
        }
    }
});
document.addEventListener("input", function (e) {
    var el = e.target;
    if (!(el instanceof HTMLInputElement)) return;
    if (el.hasAttribute("data-weight")) jxWeightTotal();
    if (el.hasAttribute("data-score")) jxScoreTotal();
    if (el.hasAttribute("data-funding")) jxFundingTotal();
});

// ---- 四性 review score total and the project form's funding total (万元). ----
function jxScoreTotal() {
    var out = document.getElementById("score-total");
    if (!out) return;
    var sum = 0, any = false;
    document.querySelectorAll("input[data-score]").forEach(function (el) {
        var v = parseFloat(el.value);
        if (!isNaN(v)) { sum += v; any = true; }
    });
    out.textContent = any ? String(Math.round(sum * 100) / 100) : "—";
}
function jxFundingTotal() {
    var out = document.getElementById("funding-total");
    if (!out) return;
    var sum = 0;
    document.querySelectorAll("input[data-funding]").forEach(function (el) {
        var v = parseFloat(el.value);
        if (!isNaN(v)) sum += Math.round(v * 1000000);
    });
    out.textContent = (sum / 1000000).toLocaleString("zh-CN", { maximumFractionDigits: 6 });
}
document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("select[data-level1]").forEach(jxFilterLevel2);
    jxWeightTotal();
    jxScoreTotal();
});

// ---- Ex-ante assessment: the organise form shows only the inputs of the chosen method. ----
function jxOrganiseMethod(form) {
    var checked = form.querySelector("input[name='Method']:checked");
    var method = checked ? checked.value : "";
    form.querySelectorAll("[data-method]").forEach(function (el) {
        var show = el.getAttribute("data-method") === method;
        el.hidden = !show;
        el.querySelectorAll("input, select").forEach(function (i) { i.disabled = !show; });
    });
}
document.addEventListener("change", function (e) {
    var el = e.target;
    if (el instanceof HTMLInputElement && el.name === "Method" && el.form) jxOrganiseMethod(el.form);
});
document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("act-organise-form");
    if (form) jxOrganiseMethod(form);
});
