/**
 * Stand-in for `lightning/platformShowToastEvent`: the same event the platform listens for
 * (`lightning__showtoast`, bubbling and composed); the workbench page shows it as an SLDS toast.
 */
export class ShowToastEvent extends CustomEvent {
  constructor(toast) {
    super('lightning__showtoast', { bubbles: true, composed: true, cancelable: true, detail: toast });
  }
}
