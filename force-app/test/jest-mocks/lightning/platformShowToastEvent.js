// Jest stand-in for lightning/platformShowToastEvent: a plain DOM event tests can listen for.
const SHOW_TOAST_EVENT_NAME = 'lightning__showtoast';

class ShowToastEvent extends CustomEvent {
  constructor(toast) {
    super(SHOW_TOAST_EVENT_NAME, { composed: true, cancelable: true, bubbles: true, detail: { ...toast } });
  }
}

module.exports = { ShowToastEvent, SHOW_TOAST_EVENT_NAME };
