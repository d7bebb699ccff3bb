// Shows the shortlist's Print button, which needs JavaScript, and makes it
// print the page. Without JavaScript the button stays hidden and the page
// says to use the browser's print command.
document.querySelectorAll('[data-print]').forEach(function (button) {
  button.hidden = false;
  button.addEventListener('click', function () { window.print(); });
});
