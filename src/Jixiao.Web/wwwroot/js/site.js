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
