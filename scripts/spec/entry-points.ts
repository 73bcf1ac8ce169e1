/**
 * Which permission sets grant each Apex entry point (a class with `@RestResource`, `@AuraEnabled`
 * methods or `@InvocableMethod`): exactly these, no more, no fewer (docs/security-model.md explains
 * the personas). A class with entry points and no row fails the entry-point-access rule; a row whose
 * class does not exist yet is not checked, so a row may land before its class.
 */

export type PermissionSetName =
  'Stripe_Integration' | 'Stripe_Sales' | 'Stripe_Service' | 'Stripe_Finance' | 'Stripe_Admin';

export const ENTRY_POINT_ACCESS: Record<string, readonly PermissionSetName[]> = {
  StripeEventsRestResource: ['Stripe_Integration'],
  StripeEventReplayService: ['Stripe_Admin'],
  CheckoutLinkController: ['Stripe_Sales', 'Stripe_Finance', 'Stripe_Admin'],
  SubscriptionActionsController: ['Stripe_Finance', 'Stripe_Admin'],
  CustomerSyncController: ['Stripe_Sales', 'Stripe_Service', 'Stripe_Finance', 'Stripe_Admin'],
  SubscriptionConsoleController: ['Stripe_Finance', 'Stripe_Admin'],
  CustomerBillingPanelController: ['Stripe_Sales', 'Stripe_Service', 'Stripe_Finance', 'Stripe_Admin'],
  StripeEventMonitorController: ['Stripe_Admin'],
  StripeCatalogSyncController: ['Stripe_Admin']
};
