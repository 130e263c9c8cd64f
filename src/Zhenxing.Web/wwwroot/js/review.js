// The review queue (/review): 采纳 and 退回 are posted in place and the entry is replaced by its outcome, so the page
// keeps its scroll position; j/k move between entries, a accepts the current one, r focuses its return reason.
(function () {
    "use strict";
    var queue = document.getElementById("review-queue");
    if (!queue) {
        return;
    }
    var current = null;

    function entries() {
        return Array.prototype.slice.call(queue.querySelectorAll(".review-entry"));
    }

    function open() {
        return entries().filter(function (e) { return !e.classList.contains("reviewed"); });
    }

    function select(entry, scroll) {
        if (!entry) {
            return;
        }
        if (current) {
            current.classList.remove("current");
        }
        current = entry;
        entry.classList.add("current");
        entry.focus({ preventScroll: true });
        if (scroll) {
            entry.scrollIntoView({ block: "start", behavior: "instant" });
        }
    }

    function move(step) {
        var list = entries();
        var index = current ? list.indexOf(current) : -1;
        select(list[Math.min(list.length - 1, Math.max(0, index + step))], true);
    }

    function showStars(form) {
        var text = form.querySelector(".star-text");
        var checked = form.querySelector("input[name=rating]:checked");
        if (text) {
            text.textContent = checked ? checked.value + " 星" : "未评分";
        }
    }

    function review(form, decision) {
        var entry = form.closest(".review-entry");
        var problem = form.querySelector(".review-problem");
        var data = new FormData(form);
        data.set("decision", decision);
        var token = data.get("__RequestVerificationToken");
        var buttons = form.querySelectorAll("button");
        buttons.forEach(function (b) { b.disabled = true; });
        problem.textContent = "";
        fetch(form.action, {
            method: "POST",
            body: data,
            credentials: "same-origin",
            headers: { "X-Requested-With": "fetch", "RequestVerificationToken": token || "" },
        }).then(function (response) {
            return response.json().catch(function () { return { problem: "审核未能保存（" + response.status + "），请刷新后重试。" }; });
        }).then(function (result) {
            buttons.forEach(function (b) { b.disabled = false; });
            if (result.problem) {
                problem.textContent = result.problem;
                return;
            }
            var following = open().filter(function (e) { return e !== entry && (entry.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING); })[0];
            var outcome = document.createElement("p");
            outcome.className = "outcome " + (decision === "accept" ? "accepted" : "returned");
            outcome.setAttribute("role", "status");
            outcome.textContent = result.outcome;
            var header = entry.querySelector("header");
            entry.replaceChildren(header, outcome);
            entry.classList.add("reviewed");
            var total = document.getElementById("review-total");
            if (typeof result.waiting === "number") {
                if (total) {
                    total.textContent = String(result.waiting);
                }
                var menuLink = document.querySelector(".mainnav a[href='/review']");
                if (menuLink && result.waiting > 0) {
                    menuLink.setAttribute("data-count", String(result.waiting));
                    menuLink.title = "待审核 " + result.waiting + " 份";
                } else if (menuLink) {
                    menuLink.removeAttribute("data-count");
                    menuLink.removeAttribute("title");
                }
            }
            // The next entry comes into view where the reviewed one was; the page does not jump to the top.
            if (following) {
                select(following, false);
                var top = following.getBoundingClientRect().top;
                if (top < 0 || top > window.innerHeight * 0.6) {
                    following.scrollIntoView({ block: "start", behavior: "instant" });
                }
            }
        }).catch(function () {
            buttons.forEach(function (b) { b.disabled = false; });
            problem.textContent = "网络异常，审核未能保存，请稍后重试。";
        });
    }

    queue.addEventListener("submit", function (event) {
        var form = event.target.closest(".review-form");
        if (!form) {
            return;
        }
        event.preventDefault();
        var decision = event.submitter && event.submitter.value === "return" ? "return" : "accept";
        review(form, decision);
    });
    queue.addEventListener("change", function (event) {
        if (event.target.name === "rating") {
            showStars(event.target.form);
        }
    });
    queue.addEventListener("focusin", function (event) {
        var entry = event.target.closest(".review-entry");
        if (entry && entry !== current) {
            if (current) {
                current.classList.remove("current");
            }
            current = entry;
            entry.classList.add("current");
        }
    });

    document.addEventListener("keydown", function (event) {
        if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) {
            return;
        }
        var target = event.target;
        if (target.matches("input[type=text], input:not([type]), textarea, select") || target.isContentEditable) {
            return;
        }
        var key = event.key;
        if (key === "j") {
            event.preventDefault();
            move(1);
        } else if (key === "k") {
            event.preventDefault();
            move(-1);
        } else if ((key === "a" || key === "r") && current && !current.classList.contains("reviewed")) {
            event.preventDefault();
            var form = current.querySelector(".review-form");
            if (key === "a") {
                review(form, "accept");
            } else {
                form.querySelector("textarea[name=reason]").focus();
            }
        }
    });

    if (location.hash && document.getElementById(location.hash.slice(1))) {
        select(document.getElementById(location.hash.slice(1)), false);
    } else {
        current = null;
    }
})();
