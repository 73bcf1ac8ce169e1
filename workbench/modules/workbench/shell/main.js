/**
 * The workbench page: one component per path (`/checkoutLinkBuilder`, ...) on an SLDS page with a
 * toolbar to switch record context and data state, and a toast region for `ShowToastEvent`.
 */
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import CheckoutLinkBuilder from 'c/checkoutLinkBuilder';
import SubscriptionConsole from 'c/subscriptionConsole';
import CustomerBillingPanel from 'c/customerBillingPanel';
import StripeEventMonitor from 'c/stripeEventMonitor';

/** Record contexts: ids of the fixtures' contact and of an account (a record page's recordId). */
const CONTEXTS = {
  contact: { label: 'Contact record page', recordId: '0035g00000AdaAAA', objectApiName: 'Contact' },
  account: { label: 'Account record page', recordId: '0015g00000GloAAA', objectApiName: 'Account' },
  app: { label: 'App page', recordId: undefined, objectApiName: undefined }
};

export const PAGES = {
  checkoutLinkBuilder: {
    title: 'Checkout link builder',
    tag: 'c-checkout-link-builder',
    ctor: CheckoutLinkBuilder,
    contexts: ['contact', 'account', 'app'],
    takesObjectApiName: true
  },
  subscriptionConsole: {
    title: 'Subscription console',
    tag: 'c-subscription-console',
    ctor: SubscriptionConsole,
    contexts: ['app']
  },
  customerBillingPanel: {
    title: 'Customer billing panel',
    tag: 'c-customer-billing-panel',
    ctor: CustomerBillingPanel,
    contexts: ['contact', 'account']
  },
  stripeEventMonitor: {
    title: 'Stripe event monitor',
    tag: 'c-stripe-event-monitor',
    ctor: StripeEventMonitor,
    contexts: ['app']
  }
};

const STATES = [
  ['ok', 'Data'],
  ['loading', 'Loading'],
  ['empty', 'Empty'],
  ['error', 'Error']
];

function el(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== undefined) node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}

function link(href, text, current) {
  const a = el(
    'a',
    { href, class: 'slds-button slds-button_neutral', 'aria-current': current ? 'page' : undefined },
    [text]
  );
  if (current) a.classList.replace('slds-button_neutral', 'slds-button_brand');
  return a;
}

function withParams(params, changes) {
  const next = new URLSearchParams(params);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) next.delete(key);
    else next.set(key, value);
  }
  const query = next.toString();
  return query ? `?${query}` : '';
}

function renderNav(current) {
  const items = Object.entries(PAGES).map(([name, page]) =>
    el('li', { class: 'slds-m-right_x-small' }, [link(`/${name}`, page.title, name === current)])
  );
  return el('nav', { 'aria-label': 'Components', class: 'slds-m-bottom_small' }, [
    el('ul', { class: 'slds-list_horizontal slds-wrap' }, items)
  ]);
}

function renderSwitches(name, page, params, contextName) {
  const state = params.get('state') ?? 'ok';
  const stateLinks = STATES.map(([value, label]) =>
    el('li', { class: 'slds-m-right_x-small' }, [
      link(`/${name}${withParams(params, { state: value === 'ok' ? null : value })}`, label, value === state)
    ])
  );
  const groups = [
    el('nav', { 'aria-label': 'Data state', class: 'slds-m-right_large' }, [
      el('ul', { class: 'slds-list_horizontal' }, stateLinks)
    ])
  ];
  if (page.contexts.length > 1) {
    const contextLinks = page.contexts.map((c) =>
      el('li', { class: 'slds-m-right_x-small' }, [
        link(`/${name}${withParams(params, { record: c })}`, CONTEXTS[c].label, c === contextName)
      ])
    );
    groups.push(
      el('nav', { 'aria-label': 'Record context' }, [
        el('ul', { class: 'slds-list_horizontal' }, contextLinks)
      ])
    );
  }
  return el('div', { class: 'slds-grid slds-wrap' }, groups);
}

/** Shows each ShowToastEvent the way Lightning Experience does: an SLDS toast, announced politely. */
function toastRegion() {
  const region = el('div', {
    class: 'slds-notify_container slds-is-fixed',
    role: 'status',
    'aria-live': 'polite',
    'data-id': 'toasts'
  });
  document.addEventListener('lightning__showtoast', (event) => {
    const { title, message, variant = 'info' } = event.detail ?? {};
    const close = el('button', { class: 'slds-button slds-button_icon slds-notify__close', title: 'Close' }, [
      el('span', { class: 'slds-assistive-text' }, ['Close'])
    ]);
    close.textContent = '×';
    close.setAttribute('aria-label', 'Close');
    const toast = el(
      'div',
      {
        class: `slds-notify slds-notify_toast slds-theme_${variant}`,
        'data-variant': variant,
        'data-id': 'toast'
      },
      [
        el('div', { class: 'slds-notify__content' }, [
          el('h2', { class: 'slds-text-heading_small' }, [title ?? '']),
          el('p', {}, [message ?? ''])
        ]),
        close
      ]
    );
    close.addEventListener('click', () => toast.remove());
    region.append(toast);
  });
  return region;
}

function renderIndex(root) {
  const items = Object.entries(PAGES).map(([name, page]) =>
    el('li', {}, [el('a', { href: `/${name}` }, [page.title])])
  );
  root.append(
    el('main', { class: 'slds-p-around_medium' }, [
      el('h1', { class: 'slds-text-heading_large slds-m-bottom_medium' }, ['Stripe Billing workbench']),
      el('p', { class: 'slds-m-bottom_small' }, [
        'Each page runs one Lightning web component with the Jest fixtures answering its Apex calls.'
      ]),
      el('ul', { class: 'slds-list_dotted' }, items)
    ])
  );
}

function start() {
  const root = document.getElementById('workbench');
  const name = window.location.pathname.replace(/^\/+|\/+$/g, '');
  const page = PAGES[name];
  if (!page) {
    renderIndex(root);
    return;
  }
  const params = new URLSearchParams(window.location.search);
  const contextName = page.contexts.includes(params.get('record')) ? params.get('record') : page.contexts[0];
  const context = CONTEXTS[contextName];
  document.title = `${page.title} · Stripe Billing workbench`;

  const component = createElement(page.tag, { is: page.ctor });
  if (context.recordId) component.recordId = context.recordId;
  if (page.takesObjectApiName && context.objectApiName) component.objectApiName = context.objectApiName;

  root.append(
    el('header', { class: 'slds-p-around_small slds-theme_shade' }, [
      el('h1', { class: 'slds-text-heading_medium slds-m-bottom_x-small' }, [
        `${page.title} (${context.label})`
      ]),
      renderNav(name),
      renderSwitches(name, page, params, contextName)
    ]),
    el('main', { class: 'slds-p-around_medium', 'data-id': 'stage' }, [component]),
    toastRegion()
  );
}

start();
