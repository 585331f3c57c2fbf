// Upload progress of the payments import page: the form is sent with XMLHttpRequest so that the bytes sent can be
// shown; the server answers with a redirect to the page of the background import job, which htmx then polls.
(function () {
    var form = document.getElementById("payment-import-form");
    if (!form || !window.XMLHttpRequest || !window.FormData) return;
    form.addEventListener("submit", function (e) {
        if (e.defaultPrevented || !form.checkValidity()) return;
        e.preventDefault();
        var box = document.getElementById(form.getAttribute("data-upload-progress"));
        var bar = box ? box.querySelector("progress") : null;
        if (box) box.hidden = false;
        var button = form.querySelector("button[type=submit]");
        if (button) button.disabled = true;
        var xhr = new XMLHttpRequest();
        xhr.open("POST", form.action || window.location.href);
        xhr.upload.addEventListener("progress", function (p) {
            if (bar && p.lengthComputable) bar.value = Math.round(p.loaded * 100 / p.total);
        });
        xhr.addEventListener("load", function () {
            if (xhr.responseURL && xhr.responseURL !== window.location.href && xhr.status === 200) {
                window.location.assign(xhr.responseURL);
            } else {
                document.open();
                document.write(xhr.responseText);
                document.close();
            }
        });
        xhr.addEventListener("error", function () {
            if (button) button.disabled = false;
            if (box) box.hidden = true;
            window.alert("上传失败，请检查网络后重试。");
        });
        xhr.send(new FormData(form));
    });
})();
