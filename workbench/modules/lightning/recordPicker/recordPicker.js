/**
 * Stand-in for `lightning-record-picker` in the workbench: a labelled list of the fixture records of
 * `objectApiName`, firing `change` with `{ recordId }` like the base component.
 */
import { LightningElement, api } from 'lwc';
import { searchRecords } from 'workbench/apex';

export default class RecordPicker extends LightningElement {
  @api label = '';
  @api objectApiName;
  @api placeholder;
  @api required = false;
  @api displayInfo;
  @api matchingInfo;
  @api variant;

  selectedId = null;

  @api
  get value() {
    return this.selectedId;
  }
  set value(recordId) {
    this.selectedId = recordId ?? null;
  }

  records = [];
  message = '';
  customMessage = '';

  connectedCallback() {
    void searchRecords(this.objectApiName).then((records) => {
      this.records = records;
    });
  }

  get options() {
    return this.records.map((r) => ({
      id: r.id,
      label: r.email ? `${r.name} (${r.email})` : r.name,
      selected: r.id === this.selectedId
    }));
  }

  get placeholderText() {
    return this.placeholder ?? `Choose a ${this.objectApiName ?? 'record'}`;
  }

  get formElementClass() {
    return this.message ? 'slds-form-element slds-has-error' : 'slds-form-element';
  }

  get invalidText() {
    return this.message ? 'true' : 'false';
  }

  handleChange(event) {
    this.selectedId = event.target.value || null;
    this.dispatchEvent(new CustomEvent('change', { detail: { recordId: this.selectedId } }));
  }

  @api focus() {
    this.template.querySelector('select')?.focus();
  }

  @api clearSelection() {
    this.selectedId = null;
  }

  @api setCustomValidity(message) {
    this.customMessage = message;
  }

  @api checkValidity() {
    return !this.customMessage && !(this.required && !this.selectedId);
  }

  @api reportValidity() {
    const valid = this.checkValidity();
    this.message = this.customMessage || (valid ? '' : 'Complete this field.');
    return valid;
  }
}
