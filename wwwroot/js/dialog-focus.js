// Returns the keyboard focus to the control that opened a dialog once the dialog has closed: MudBlazor leaves it on the
// page's body, so a keyboard user would start again from the top. Only acts when the last dialog goes away and nothing
// else took the focus; a control removed meanwhile (the dialog navigated elsewhere) is left alone.
(() => {
    const dialogs = '.mud-dialog-container';
    let opener = null;
    let wasOpen = false;
    document.addEventListener('focusin', e => {
        if (e.target instanceof Element && !e.target.closest(`${dialogs}, .mud-popover`)) {
            opener = e.target;
        }
    });
    new MutationObserver(() => {
        const isOpen = document.querySelector(dialogs) !== null;
        if (wasOpen && !isOpen && opener && opener.isConnected && (document.activeElement === null || document.activeElement === document.body)) {
            opener.focus();
        }
        wasOpen = isOpen;
    }).observe(document.body, { childList: true, subtree: true });
})();
