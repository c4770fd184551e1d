/**
 * Content pools for the demo data and the contact simulator. Plain strings
 * only, so translators and story writers can read and change them freely.
 *
 * Placeholders in braces are filled by the seed: {order}, {amount}, {month},
 * {device}, {plan}, {agent} (the agent's first name) and {customer} (the
 * customer's first name, or a neutral word). Nothing here may contain angle
 * brackets: the demo data must not look like markup to anyone rendering it.
 */

/** One support topic: what the request says, how the customer talks about it, what agents answer. */
export interface TopicPhrases {
  readonly key: string;
  readonly title: string;
  readonly description: string;
  /** Tags an agent would likely put on an activity of this topic. */
  readonly tags: readonly string[];
  /** First line of a chat about this topic; alternatives. */
  readonly openings: readonly string[];
  /** What the customer types next, in order. No placeholders: the simulator has no request to fill them from. */
  readonly followUps: readonly string[];
  /** What the agent answers, in order. */
  readonly agentReplies: readonly string[];
  /** One-line summaries of a call about this topic; the first says why the customer is calling. */
  readonly callSummaries: readonly string[];
}

export const ENGLISH_FIRST = [
  'Emma', 'Olivia', 'Liam', 'Noah', 'Ava', 'Mia', 'James', 'Lucas',
  'Grace', 'Ethan', 'Chloe', 'Daniel', 'Harper', 'Owen', 'Zoe', 'Ryan',
] as const;

export const ENGLISH_LAST = [
  'Smith', 'Johnson', 'Brown', 'Taylor', 'Wilson', 'Clarke', 'Walker',
  'Hughes', 'Bennett', 'Foster', 'Hayes', 'Murphy', 'Reed', 'Turner',
] as const;

/** Korean family names: [Hangul, romanised]. */
export const KOREAN_FAMILY: readonly (readonly [string, string])[] = [
  ['김', 'Kim'], ['이', 'Lee'], ['박', 'Park'], ['최', 'Choi'], ['정', 'Jung'],
  ['강', 'Kang'], ['조', 'Cho'], ['윤', 'Yoon'], ['장', 'Jang'], ['한', 'Han'],
];

/** Korean given names: [Hangul, romanised]. */
export const KOREAN_GIVEN: readonly (readonly [string, string])[] = [
  ['민준', 'Min-jun'], ['서연', 'Seo-yeon'], ['지우', 'Ji-woo'], ['하은', 'Ha-eun'],
  ['도윤', 'Do-yoon'], ['서준', 'Seo-jun'], ['지민', 'Ji-min'], ['수아', 'Su-a'],
  ['예준', 'Ye-jun'], ['지호', 'Ji-ho'], ['유나', 'Yu-na'], ['현우', 'Hyun-woo'],
];

export const CZECH_MALE_FIRST = [
  'Jiří', 'Jan', 'Petr', 'Tomáš', 'Lukáš', 'Ondřej', 'Matěj', 'Vojtěch', 'Martin', 'Radek',
] as const;

export const CZECH_MALE_LAST = [
  'Dvořák', 'Novák', 'Svoboda', 'Černý', 'Procházka', 'Kučera',
  'Veselý', 'Horák', 'Němec', 'Marek', 'Pokorný', 'Růžička',
] as const;

export const CZECH_FEMALE_FIRST = [
  'Tereza', 'Eliška', 'Lucie', 'Kateřina', 'Anna', 'Barbora', 'Markéta', 'Zuzana', 'Veronika', 'Klára',
] as const;

export const CZECH_FEMALE_LAST = [
  'Dvořáková', 'Nováková', 'Svobodová', 'Černá', 'Procházková', 'Kučerová',
  'Veselá', 'Horáková', 'Němcová', 'Marková', 'Pokorná', 'Růžičková',
] as const;

/** Reserved documentation domains only (RFC 2606), so no demo mail can reach anyone. */
export const EMAIL_DOMAINS = ['example.com', 'example.org', 'example.net'] as const;

export const DEVICES = [
  'Galaxy A54', 'Pixel 8', 'iPhone 13', 'Nokia G42', 'home router HX-300', 'smartwatch Fit 2', 'tablet Tab S9',
] as const;

export const PLANS = [
  'Unlimited 5G', 'Family Share 40 GB', 'Basic 10 GB', 'Home Fibre 500', 'Prepaid Flex', 'Travel Plus',
] as const;

export const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

/** Tags not tied to one topic. */
export const GENERAL_TAGS = [
  'vip', 'escalated', 'follow-up', 'callback', 'complaint', 'first-contact', 'repeat-contact', 'feedback',
] as const;

export const TOPICS: readonly TopicPhrases[] = [
  {
    key: 'billing',
    title: 'Charged twice on the {month} bill',
    description:
      'Customer reports a duplicate charge of {amount} on the {month} invoice. Both payments show on the bank statement. Check the payment log and refund the second charge if confirmed.',
    tags: ['billing', 'double-charge', 'invoice'],
    openings: ['Hi, I was charged twice for my {month} bill.', 'Hello, why is there a second payment of {amount} on my account?'],
    followUps: [
      'Both payments are the same amount, taken two days apart.',
      'My account number is on the invoice, do you need it?',
      'I paid by card, the one ending in 4821.',
      'How long will it take to get the money back?',
      'Will this happen again next month?',
    ],
    agentReplies: [
      'I can see both payments of {amount}, the second one is a duplicate.',
      'I have raised a refund for the second payment.',
      'The refund usually reaches your card within 3 to 5 working days.',
      'I have also added a note so next month is billed only once.',
    ],
    callSummaries: ['Caller disputes a duplicate {month} charge of {amount}.', 'Explained the duplicate charge and raised a refund.'],
  },
  {
    key: 'delivery',
    title: 'Order {order} not delivered',
    description:
      'Order {order} was due three days ago; tracking has shown "out for delivery" since then. Customer needs it before the weekend. Chase the courier and offer a resend if it is lost.',
    tags: ['delivery', 'courier', 'order'],
    openings: ['Hi, my order {order} still has not arrived.', 'Hello, the tracking for {order} has not moved for days.'],
    followUps: [
      'It says out for delivery since Monday.',
      'Nobody rang the bell, I was at home all day.',
      'Can you send it again instead?',
      'I really need it before Saturday.',
    ],
    agentReplies: [
      'I am sorry about the wait, let me check with the courier.',
      'The courier has the parcel at their local depot.',
      'I have asked for delivery tomorrow morning.',
      'If it does not arrive by Friday we will send a replacement free of charge.',
    ],
    callSummaries: ['Caller chasing late order {order}.', 'Courier contacted about {order}; new delivery date agreed.'],
  },
  {
    key: 'login',
    title: 'Cannot sign in to the account',
    description:
      'Customer cannot sign in to the self-care app; the password reset email does not arrive. Verify identity, check the email on file and send a reset link.',
    tags: ['login', 'password-reset', 'account'],
    openings: ['I cannot log in to my account.', 'Hi, the password reset email never arrives.'],
    followUps: [
      'I tried the reset link three times.',
      'I checked the spam folder too.',
      'Maybe I used my old email address when I signed up.',
      'Can you change it to my new one?',
      'Got it, I am in now.',
    ],
    agentReplies: [
      'Let me check the account details for you.',
      'The account still has your old email address on it.',
      'I have updated the email and sent a new reset link.',
      'Please try again, the link is valid for 30 minutes.',
    ],
    callSummaries: ['Caller locked out of the app; reset link sent.', 'Updated email on file and walked the caller through the reset.'],
  },
  {
    key: 'refund',
    title: 'Refund for returned order {order}',
    description:
      'Customer returned order {order} two weeks ago and has not received the refund of {amount}. Warehouse confirms receipt. Process the refund.',
    tags: ['refund', 'return', 'order'],
    openings: ['I returned order {order} and I am still waiting for my refund.', 'Hi, where is my refund of {amount}?'],
    followUps: [
      'I sent it back two weeks ago.',
      'I have the return receipt from the post office.',
      'Is it going back to my card or as store credit?',
    ],
    agentReplies: [
      'I can see the return arrived at our warehouse.',
      'The refund of {amount} has now been released to your card.',
      'It goes back to the original card, not as store credit.',
    ],
    callSummaries: ['Caller asking about refund for {order}.', 'Refund of {amount} released after warehouse confirmation.'],
  },
  {
    key: 'broken-device',
    title: '{device} stopped working',
    description:
      'The {device} bought in {month} no longer turns on after a software update. Still under warranty. Try a forced restart first; if that fails, book a repair or swap.',
    tags: ['device', 'warranty', 'repair'],
    openings: ['My {device} will not turn on anymore.', 'Hi, my {device} died after the last update.'],
    followUps: [
      'I already tried charging it overnight.',
      'Holding the power button does nothing.',
      'I bought it this year, so it should be under warranty.',
      'Do I have to bring it to a shop?',
      'Can I get a loan phone meanwhile?',
      'OK, I will drop it off tomorrow.',
    ],
    agentReplies: [
      'Could you try holding power and volume down for 15 seconds?',
      'Thank you for trying. It is under warranty, so the repair is free.',
      'You can drop it at any of our shops or we can send a courier.',
      'Yes, the shop will give you a loan phone while it is repaired.',
    ],
    callSummaries: ['Caller reports a dead {device}; warranty repair booked.', 'Troubleshooting for {device} failed; courier pickup arranged.'],
  },
  {
    key: 'plan-change',
    title: 'Switch to {plan}',
    description:
      'Customer wants to move to {plan} from the next billing cycle and asks whether the contract term changes. Confirm the price and the start date.',
    tags: ['plan-change', 'upgrade', 'contract'],
    openings: ['I would like to change my plan to {plan}.', 'Hi, can I upgrade to {plan}?'],
    followUps: [
      'How much will it cost per month?',
      'Does my contract get longer?',
      'Can it start from the next bill?',
      'Great, please go ahead.',
    ],
    agentReplies: [
      '{plan} is {amount} per month with your current discount.',
      'Your contract end date stays the same.',
      'I have scheduled the change for the start of your next billing cycle.',
    ],
    callSummaries: ['Caller requests move to {plan}.', 'Plan change to {plan} scheduled for next cycle.'],
  },
  {
    key: 'roaming',
    title: 'No mobile data while abroad',
    description:
      'Customer is travelling and has no mobile data although roaming is included in the plan. Check the roaming bar and network settings.',
    tags: ['roaming', 'mobile-data', 'travel'],
    openings: ['I am abroad and my mobile data does not work.', 'Hi, roaming is not working on my phone.'],
    followUps: [
      'Calls work, only the data does not.',
      'Data roaming is switched on in the settings.',
      'I am in Vienna until Sunday.',
      'Still nothing after the restart.',
    ],
    agentReplies: [
      'There was a roaming bar left on your line, I have removed it.',
      'Please restart the phone so it registers again.',
      'If it still fails, select the network manually in the settings.',
    ],
    callSummaries: ['Caller abroad with no mobile data; roaming bar removed.', 'Roaming issue: talked the caller through manual network selection.'],
  },
  {
    key: 'esim',
    title: 'eSIM activation failed',
    description:
      'The eSIM QR code for the new {device} shows "activation failed". Issue a new eSIM profile and check the device is not locked to another network.',
    tags: ['esim', 'activation', 'device'],
    openings: ['The eSIM QR code does not work on my new {device}.', 'Hi, my eSIM says activation failed.'],
    followUps: [
      'I scanned it twice already.',
      'The phone was bought from another shop.',
      'Do I need a new code?',
    ],
    agentReplies: [
      'Each QR code works only once, so I will issue a new profile.',
      'The new code is on its way to your email.',
      'Scan it while connected to Wi-Fi and it should activate within a few minutes.',
    ],
    callSummaries: ['Caller cannot activate eSIM on {device}; new profile issued.', 'eSIM reissued and activation confirmed on the call.'],
  },
  {
    key: 'outage',
    title: 'Home internet keeps dropping',
    description:
      'The home connection drops several times a day, mostly in the evening. Router is a home router HX-300. Run a line test and book a technician if the line is faulty.',
    tags: ['outage', 'internet', 'technician'],
    openings: ['My home internet keeps cutting out.', 'Hi, the internet has been dropping every evening this week.'],
    followUps: [
      'It happens around 8 in the evening.',
      'All the lights on the router are green.',
      'I already restarted the router.',
      'I work from home, so this is urgent.',
      'Tuesday morning would be best for the visit.',
    ],
    agentReplies: [
      'I am running a line test now, it takes about a minute.',
      'The test shows errors on the line outside your home.',
      'I can book a technician; which morning suits you?',
      'Booked for Tuesday between 8 and 12. You will get a text the day before.',
    ],
    callSummaries: ['Caller reports evening drop-outs; line test shows errors.', 'Technician visit booked for the line fault.'],
  },
  {
    key: 'cancellation',
    title: 'Cancel contract',
    description:
      'Customer wants to cancel the contract because of moving abroad. Explain the notice period and any early termination fee, and offer a retention deal if suitable.',
    tags: ['cancellation', 'retention', 'contract'],
    openings: ['I want to cancel my contract.', 'Hi, how do I end my contract? I am moving abroad.'],
    followUps: [
      'I move at the end of next month.',
      'Is there a fee for ending early?',
      'I would rather not keep the line.',
      'Please send me the confirmation by email.',
    ],
    agentReplies: [
      'I am sorry to see you go. The notice period is 30 days.',
      'The early termination fee would be {amount}.',
      'I have set the cancellation for the end of next month.',
      'The confirmation is on its way to your email.',
    ],
    callSummaries: ['Caller wants to cancel; fee of {amount} explained.', 'Cancellation scheduled; retention offer declined.'],
  },
];

/** How a customer opens a chat about a request they already raised. */
export const RETURNING_OPENINGS = [
  'Hi, I am following up on my earlier chat.',
  'Hello again, any news on my request?',
  'Hi, I was told someone would get back to me.',
  'Me again, the problem is still not solved.',
] as const;

/** Agent's first line in a chat. */
export const AGENT_GREETINGS = [
  'Hi {customer}, my name is {agent}, I will help you with that.',
  'Hello {customer}, this is {agent}. Let me take a look.',
  'Hi {customer}, thanks for waiting. {agent} here, how can I help?',
] as const;

/** Agent's last line in a chat. */
export const AGENT_CLOSINGS = [
  'Is there anything else I can help you with?',
  'Thanks for contacting us, have a nice day!',
  'Glad that is sorted. Take care!',
] as const;

/** Customer's last line in a chat, once the topic's lines are used up. */
export const CUSTOMER_CLOSINGS = [
  'Thank you, that is all.',
  'Great, thanks for your help!',
  'OK, thanks.',
  'Perfect, bye.',
] as const;

/** Summaries of an email or text message. */
export const MESSAGE_SUMMARIES = [
  'Customer sent photos of the problem.',
  'Customer replied to our last email with more details.',
  'Customer confirmed by text that the issue is fixed.',
  'Customer asked for a written confirmation.',
] as const;

/** Notes agents leave on activities. */
export const COMMENTS = [
  'Customer asked to be called back after 5pm.',
  'Prefers email over phone calls.',
  'Promised a follow-up by Friday.',
  'Escalated to second line, ticket reference in the description.',
  'Customer was upset; offered a goodwill credit of 10.',
  'Checked with billing, waiting for their answer.',
  'Verified identity with date of birth and postcode.',
  'Courier says the parcel was left with a neighbour.',
  'Line test repeated, same errors as before.',
  'Customer will send the receipt by email.',
  'Do not offer the retention deal again, already declined twice.',
  'Same problem as the previous request, see the earlier activity.',
  'Refund approved by team lead.',
  'Technician confirmed the fault is fixed.',
  'Customer did not answer the callback; left a voicemail.',
  'Long-standing customer, handle with care.',
  'Asked the customer to restart the device and call back if it persists.',
  'Account details updated after the call.',
] as const;

/** Notes that only make sense for a customer of one language; keyed like the seed's cultures. */
export const LANGUAGE_COMMENTS = {
  ko: 'Speaks Korean; the next call may need a Korean-speaking agent.',
  cs: 'Speaks Czech; offered a Czech-speaking agent next time.',
} as const;
