// Live password checklist for the static account forms. The server renders one <li data-rule> per
// rule of the policy (the same PasswordPolicyChecker that validates on submit); this script only
// ticks them while the user types. Without JavaScript the list is still shown and the server checks.
(() => {
  const tests = {
    MinimumLength: (p, n) => [...p].length >= n,
    MaximumLength: (p, n) => [...p].length <= n,
    Uppercase: p => /\p{Lu}/u.test(p),
    Lowercase: p => /\p{Ll}/u.test(p),
    Number: p => /\p{Nd}/u.test(p),
    Symbol: p => /[\p{P}\p{S}]/u.test(p),
  };
  const wire = list => {
    const input = document.getElementById(list.dataset.for);
    if (!input) return;
    const update = () => {
      for (const item of list.querySelectorAll('li[data-rule]')) {
        const test = tests[item.dataset.rule];
        if (!test) continue;
        const met = test(input.value, Number(item.dataset.value || 0));
        item.classList.toggle('met', met);
        item.classList.toggle('unmet', !met);
        item.setAttribute('aria-label', (met ? 'Met: ' : 'Not met: ') + item.textContent.trim());
      }
    };
    input.addEventListener('input', update);
    update();
  };
  const start = () => document.querySelectorAll('ul[data-password-rules]').forEach(wire);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
})();
