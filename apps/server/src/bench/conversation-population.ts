/**
 * What the conversations bench account talks about: its inboxes, teams and labels, and the sentences its contacts and
 * agents write, by topic, with slots (`{order}`, `{amount}`, …) filled at random so that no two messages are likely
 * to be the same and a word searched for matches the share of messages it would in a real account.
 */

/** API inboxes, busiest first, with their relative share of the account's conversations. */
export const inboxProfiles: Array<[name: string, weight: number]> = [
  ['Support', 30],
  ['Billing', 18],
  ['Orders', 12],
  ['Mobile app', 10],
  ['Partners', 8],
  ['Enterprise', 7],
  ['Marketplace', 5],
  ['Returns', 4],
  ['Developers', 3],
  ['Careers', 3],
];

export const teamNames = ['Billing', 'Technical support', 'Onboarding', 'Sales', 'Escalations'];

/** Labels agents put on conversations, with how often each is used. */
export const conversationLabels: Array<[label: string, weight: number]> = [
  ['billing', 14],
  ['refund', 9],
  ['bug', 10],
  ['feature-request', 6],
  ['shipping', 9],
  ['login', 7],
  ['onboarding', 5],
  ['vip', 3],
  ['churn-risk', 3],
  ['urgent', 4],
  ['invoice', 6],
  ['integration', 4],
  ['mobile', 5],
  ['feedback', 5],
  ['cancellation', 4],
  ['upgrade', 4],
  ['security', 2],
  ['api', 3],
  ['returns', 5],
  ['spam', 2],
];

/** The sentences of one kind of request: how it opens, what the contact adds, what agents answer and note. */
export interface Topic {
  name: string;
  weight: number;
  openings: string[];
  followUps: string[];
  replies: string[];
  notes: string[];
}

export const topics: Topic[] = [
  {
    name: 'billing',
    weight: 18,
    openings: [
      'I was charged {amount} twice this month, can you check invoice {invoice}?',
      'My card was declined when renewing the {plan} plan but the bank says everything is fine.',
      'Can I get a copy of invoice {invoice}? I need it for our accounting.',
      'Why did my bill go up to {amount}? Nothing changed on our side.',
      'We need to change the billing address on our account before the next invoice.',
    ],
    followUps: [
      'The charge shows up on {date} and again two days later.',
      'Here is the last four digits of the card: {digits}.',
      'Our company VAT number is missing from the invoice too.',
      'Is there a way to pay by bank transfer instead?',
      'Thanks, and can you make sure it does not happen again next month?',
    ],
    replies: [
      'I can see the duplicate charge of {amount}; I have refunded it and you should see it in 5 to 7 business days.',
      'I have attached invoice {invoice} to this conversation, and updated the address for future invoices.',
      'The increase comes from the extra seats added on {date}; the {plan} plan is billed per seat.',
      'Your card issuer declined the payment with code {code}. Could you try again or use another card?',
      'Bank transfer is available on yearly plans; I can switch you over at the next renewal.',
    ],
    notes: [
      'Refund of {amount} issued in the payment dashboard, reference {invoice}.',
      'Customer asked twice already, please keep an eye on the next renewal.',
      'Checked with finance: the seat count is correct.',
    ],
  },
  {
    name: 'shipping',
    weight: 16,
    openings: [
      'Where is my order {order}? Tracking has not moved since {date}.',
      'Order {order} arrived damaged, the box was completely crushed.',
      'I received the wrong size for {product} in order {order}.',
      'Can I still change the delivery address for order {order}?',
      'My package says delivered but there is nothing at my door.',
    ],
    followUps: [
      'The tracking number is {tracking}.',
      'I have photos of the damage if you need them.',
      'I ordered a medium and got a large.',
      'I will be away from {date}, please do not send it before that.',
      'Nobody in the building has seen it either.',
    ],
    replies: [
      'I am sorry about the wait. The carrier confirms order {order} is on its way and should arrive by {date}.',
      'I have sent a replacement {product} at no cost; the new tracking number is {tracking}.',
      'The address is updated for order {order}, it has not left the warehouse yet.',
      'I opened an investigation with the carrier; we will refund or resend within 48 hours.',
      'Could you send a photo of the label and the damaged item so we can file the claim?',
    ],
    notes: [
      'Carrier claim opened, reference {tracking}.',
      'Second lost parcel at this address this year.',
      'Replacement approved by the warehouse lead.',
    ],
  },
  {
    name: 'login',
    weight: 14,
    openings: [
      'I cannot log in, it keeps saying my password is wrong.',
      'The password reset email never arrives at {email}.',
      'I lost my phone and cannot get my two-factor code.',
      'My account is locked after too many attempts.',
      'Single sign-on stopped working for our team this morning.',
    ],
    followUps: [
      'I checked the spam folder already.',
      'I am using {browser} on {device}.',
      'The error says {code}.',
      'It worked fine yesterday.',
      'Several people on my team have the same problem.',
    ],
    replies: [
      'I have sent a new reset link; it is valid for one hour. Please check that it comes from our domain.',
      'I have disabled two-factor authentication on your account; please set it up again after you log in.',
      'Your account is unlocked. If it happens again, please use the reset link rather than retrying.',
      'Our identity provider had an incident between 8:00 and 9:10 UTC; logins work again now.',
      'Could you clear the cookies for our site in {browser} and try again?',
    ],
    notes: ['Verified identity with the last invoice number before disabling 2FA.', 'Linked to incident {code}.'],
  },
  {
    name: 'bug',
    weight: 14,
    openings: [
      'The export to CSV fails with error {code}.',
      'The dashboard shows a blank page since the last update.',
      'Notifications arrive twice on {device}.',
      'Search does not find anything that contains an accent.',
      'The app crashes when I open the settings on {device}.',
    ],
    followUps: [
      'It happens every time, on {browser} too.',
      'Here is a screenshot of the console.',
      'We have about {count} records, if that matters.',
      'Restarting did not help.',
      'It started around {date}.',
    ],
    replies: [
      'Thanks for the report. I could reproduce it and have passed it to our engineers as {code}.',
      'A fix for this is in the release going out on {date}.',
      'Could you tell me which version of the app you are on? It is under Settings, About.',
      'As a workaround, exporting in smaller date ranges works while we fix it.',
      'This is fixed now; please reload the page and let me know if you still see it.',
    ],
    notes: ['Reproduced on staging, ticket {code}.', 'Same as the report from last week, added this customer.'],
  },
  {
    name: 'account',
    weight: 12,
    openings: [
      'How do I add more users to our {plan} plan?',
      'I want to transfer the account ownership to {email}.',
      'Please delete my account and all my data.',
      'Can we upgrade to the {plan} plan in the middle of the month?',
      'How do I change the email address on my profile?',
    ],
    followUps: [
      'We are about {count} people now.',
      'The current owner has left the company.',
      'I would like a confirmation by email once it is done.',
      'Will we be charged the full month?',
      'I do not see the option in the settings.',
    ],
    replies: [
      'You can add users under Settings, Team; the {plan} plan allows up to {count} seats.',
      'Ownership transfer needs a confirmation from {email}; I have sent them the request.',
      'Your account and data will be deleted within 30 days; you will get a confirmation email.',
      'Upgrades are prorated, so you only pay the difference for the rest of the month.',
      'The email address is under Profile, Account details; it asks you to confirm the new address.',
    ],
    notes: ['Deletion request logged, due {date}.', 'Upgrade quote sent, follow up next week.'],
  },
  {
    name: 'refund',
    weight: 10,
    openings: [
      'I would like to return {product} from order {order} and get a refund.',
      'I cancelled within the trial but was still charged {amount}.',
      'When will I get my refund for order {order}?',
      'The refund I received is {amount} short.',
    ],
    followUps: [
      'I sent it back on {date}.',
      'The return label you sent does not scan at the post office.',
      'I paid with PayPal, if that matters.',
      'I still have the original packaging.',
    ],
    replies: [
      'Your return is approved; I have emailed a prepaid label for order {order}.',
      'The refund of {amount} was issued on {date}; banks usually take 3 to 5 business days.',
      'The shipping cost is not refundable, which explains the difference of {amount}.',
      'I have refunded the trial charge of {amount} in full.',
    ],
    notes: ['Refund exception approved by the team lead.', 'Return received at the warehouse on {date}.'],
  },
  {
    name: 'integration',
    weight: 8,
    openings: [
      'The webhook to our CRM stopped firing yesterday.',
      'Our API calls return 429 even though we send very few requests.',
      'How do I connect the store to our {product} account?',
      'The API documentation for the orders endpoint seems out of date.',
    ],
    followUps: [
      'The endpoint answers 200 when we test it by hand.',
      'Our API key starts with {code}.',
      'We send about {count} requests an hour.',
      'Is there a sandbox we can test against?',
    ],
    replies: [
      'Your webhook was disabled after {count} failed deliveries; I have re-enabled it.',
      'The rate limit counts requests per key across all your servers; the limit is {count} per minute.',
      'The connection is under Settings, Integrations; it asks you to sign in to {product}.',
      'Thanks, the documentation is corrected now. The sandbox is at the same address with a test key.',
    ],
    notes: ['Customer is on the old API version, suggested migration.', 'Raised the rate limit temporarily.'],
  },
  {
    name: 'feedback',
    weight: 8,
    openings: [
      'It would be great if the app had a dark mode.',
      'Your agent was really helpful yesterday, thanks!',
      'Can you add an option to export reports as PDF?',
      'The new checkout is much slower than the old one.',
    ],
    followUps: [
      'Most of our team works late and the white screen is tiring.',
      'We would use it every week for our board meeting.',
      'It takes {count} seconds to load on {device}.',
      'Anyway, keep up the good work.',
    ],
    replies: [
      'Thank you for the suggestion! I have added your vote to the feature request.',
      'Thanks a lot for the kind words, I will pass them on to the team.',
      'That is on our roadmap for the next quarter; I will let you know when it ships.',
      'Thanks for flagging it, our team is looking into the checkout speed.',
    ],
    notes: ['Feature request +1.', 'Shared with the product team.'],
  },
];

export const customerGreetings = ['Hi', 'Hello', 'Hey', 'Good morning', 'Hi there', 'Hello team'];
export const customerClosings = ['Thanks!', 'Thank you.', 'Thanks in advance.', 'Cheers', 'Best regards', 'Regards'];
export const customerShortReplies = [
  'Thank you!',
  'Ok, thanks.',
  'Great, that worked.',
  'Still not working, unfortunately.',
  'Any update on this?',
  'Perfect, thanks for the quick help.',
  'I will try that and get back to you.',
  'Got it.',
  'Hello? Is anyone there?',
  'Yes, that is correct.',
];
export const agentGreetings = ['Hi {first},', 'Hello {first},', 'Hi {first}, thanks for reaching out.', 'Hey {first},'];
export const agentClosings = [
  'Let me know if there is anything else I can help with.',
  'Have a great day!',
  'I will keep this conversation open until you confirm.',
  'Feel free to reply here if you have any other question.',
];
export const agentShortReplies = [
  'Let me check that for you.',
  'Thanks for your patience.',
  'One moment please, I am looking into it.',
  'Could you confirm the email address on the account?',
  'Glad I could help!',
  'I am checking with the team and will get back to you today.',
];
export const botReplies = [
  'Thanks for your message! An agent will be with you shortly.',
  'Hi! I am the virtual assistant. Could you share your order number?',
  'I found an article that might help: How to reset your password.',
  'Our team is available Monday to Friday, 8am to 6pm. We will reply as soon as possible.',
  'Did that answer your question? Reply yes or no.',
];

export const products = [
  'Trail Runner 2',
  'Aero Backpack',
  'Summit Jacket',
  'Classic Mug',
  'Desk Lamp Pro',
  'Wireless Earbuds',
  'Yoga Mat',
  'Shopify',
  'Salesforce',
  'HubSpot',
  'Smart Thermostat',
  'Travel Adapter',
];
export const plans = ['Starter', 'Pro', 'Business', 'Enterprise'];
export const browsers = ['Chrome', 'Firefox', 'Safari', 'Edge'];
export const devices = ['iPhone 14', 'Pixel 8', 'Galaxy S23', 'iPad', 'a Windows laptop', 'a MacBook'];
export const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September'];
/** Conversations an agent starts: a reminder or a follow-up sent to the contact first. */
export const agentOpenings = [
  'Hi {first}, your {plan} plan renews on {date}. Reply here if you have any question.',
  'Hi {first}, following up on your order {order}: it has shipped, tracking {tracking}.',
  'Hello {first}, we noticed a failed payment of {amount}. Could you update your card?',
  'Hi {first}, thanks for joining the {plan} plan! Would you like a quick onboarding call?',
];
