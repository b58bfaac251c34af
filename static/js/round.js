// Live counter for a questionnaire round: shows how many elements are picked
// and stops a ninth pick. The server checks the count again on submit.
(function () {
  "use strict";
  var form = document.querySelector(".round-form");
  if (!form) return;
  var limit = parseInt(form.dataset.picks, 10);
  var counter = document.getElementById("counter");
  var boxes = form.querySelectorAll('input[type="checkbox"]');

  function update() {
    var picked = form.querySelectorAll('input[type="checkbox"]:checked').length;
    counter.textContent = counter.dataset.template.replace("{n}", picked);
    counter.classList.toggle("complete", picked === limit);
    boxes.forEach(function (box) {
      box.disabled = !box.checked && picked >= limit;
      box.closest("li").classList.toggle("picked", box.checked);
    });
  }
  form.addEventListener("change", update);
  update();
})();
