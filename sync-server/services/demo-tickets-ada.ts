/** Ada Lovelace's demo tickets: every status and priority, spread over six weeks, portal, email and chat. */
import type { DemoTicket } from './demo-script';

const DAY = 24;

/** Ada's script. */
export const ADA_TICKETS: readonly DemoTicket[] = [
  {
    subject: 'Webhook deliveries failing with 502 since this morning',
    description: 'All deliveries to https://hooks.analytical-engines.example/acme fail. Our endpoint is up and answers 200 to curl.',
    status: 'open',
    priority: 'urgent',
    hoursAgo: 5,
    assigned: true,
    conversations: [
      {
        channel: 'portal',
        lines: [
          ['customer', 0, 'Every webhook delivery since about 7:00 shows "502 Bad Gateway" in the delivery log. Nothing changed on our side.'],
          ['agent', 18, 'Thanks Ada, I see the failures too. I am checking with our platform team and will start a chat so we can test together.'],
        ],
      },
      {
        channel: 'chat',
        lines: [
          ['agent', 25, 'Hi Ada, Sam here. Could you send a test event from Settings → Webhooks now?'],
          ['customer', 27, 'Sent one just now.'],
          ['agent', 29, 'Got it: it reached our proxy and timed out there. That narrows it down, thank you!'],
          ['customer', 30, 'Great, keep me posted.'],
        ],
      },
    ],
  },
  {
    subject: 'Team member cannot accept the invitation link',
    description: '',
    status: 'open',
    priority: 'medium',
    hoursAgo: 20,
    assigned: false,
    conversations: [
      {
        channel: 'portal',
        lines: [['customer', 0, 'I invited charles@example.com twice, and both times the link says "This invitation has expired".']],
      },
    ],
  },
  {
    subject: 'CSV export cuts off after 10,000 rows',
    description: 'Exporting the "All events" report for September gives exactly 10,000 rows; the report shows 14,212.',
    status: 'open',
    priority: 'high',
    hoursAgo: 3 * DAY + 2,
    assigned: true,
    conversations: [
      {
        channel: 'portal',
        lines: [
          ['customer', 0, 'The export stops at 10,000 rows without any warning, so our monthly numbers are wrong.'],
          ['note', 50, 'Reproduced on staging: the export job still uses the old page limit. Filed as ENG-2231; do not promise a date yet.'],
          ['agent', 55, 'You are right, the export stops at 10,000 rows. Our engineers are on it. Until it is fixed, exporting two half-months works.'],
          ['customer', 80, 'Thanks, the workaround will do for this month.'],
        ],
      },
    ],
  },
  {
    subject: 'Scheduled report emails stopped arriving',
    description: '',
    status: 'open',
    priority: 'medium',
    hoursAgo: 4 * DAY + 6,
    assigned: true,
    conversations: [
      {
        channel: 'portal',
        lines: [
          ['customer', 0, 'Our Monday 9:00 report email has not arrived for two weeks. It is still listed under Scheduled reports.'],
          ['agent', 200, 'I can see the emails were sent and bounced by your mail server. Could your IT team allow reports@acme.example?'],
          ['customer', 1600, 'IT has added it to the allow list now. I will tell you on Monday whether it arrived.'],
        ],
      },
    ],
  },
  {
    subject: 'Please add a second admin to our account',
    description: 'Charles will manage billing while I am away in December.',
    status: 'pending',
    priority: 'low',
    hoursAgo: 6 * DAY + 1,
    assigned: true,
    conversations: [
      {
        channel: 'portal',
        lines: [
          ['customer', 0, 'Could you make my colleague Charles an admin as well? He already has a user.'],
          ['agent', 90, 'Happy to. For security, please confirm the email address Charles signs in with, and I will change his role.'],
        ],
      },
    ],
  },
  {
    subject: 'Reports tab takes a minute to load',
    description: 'Other tabs are quick. It started after we added the second workspace.',
    status: 'pending',
    priority: 'medium',
    hoursAgo: 9 * DAY + 4,
    assigned: true,
    conversations: [
      {
        channel: 'portal',
        lines: [
          ['customer', 0, 'Opening Reports now takes 50 to 60 seconds, in Chrome and in Firefox, on two different laptops.'],
          ['agent', 150, 'Thank you. We shipped a fix for large workspaces yesterday. Could you try again and tell me if it is faster?'],
        ],
      },
    ],
  },
  {
    subject: 'API rate limit is lower than our plan says',
    description: 'Our plan lists 600 requests per minute; we get 429 responses at around 120.',
    status: 'pending',
    priority: 'high',
    hoursAgo: 12 * DAY + 3,
    assigned: true,
    conversations: [
      {
        channel: 'portal',
        lines: [
          ['customer', 0, 'Our nightly sync hits "429 Too Many Requests" after about 120 calls a minute. The Business plan says 600.'],
          ['agent', 60, 'Your API key was still on the trial limit; I have moved it to 600 per minute. Could you run tonight\'s sync and let me know?'],
        ],
      },
    ],
  },
  {
    subject: 'Two-factor codes arrive late by SMS',
    description: '',
    status: 'resolved',
    priority: 'high',
    hoursAgo: 16 * DAY + 2,
    assigned: true,
    conversations: [
      {
        channel: 'portal',
        lines: [
          ['customer', 0, 'The SMS with my sign-in code often arrives after it has already expired, so I cannot sign in.'],
          ['agent', 35, 'Sorry about that. An authenticator app avoids SMS delays entirely: Settings → Security → Add authenticator app.'],
          ['customer', 90, 'Set it up with my phone\'s authenticator, works instantly now. Thank you!'],
          ['agent', 95, 'Glad to hear it. I will mark this as resolved; reply here if it comes back.'],
        ],
      },
    ],
  },
  {
    subject: 'Charged twice for the November subscription',
    description: 'Two charges of $480.00 on 1 November, card ending 4242.',
    status: 'resolved',
    priority: 'urgent',
    hoursAgo: 21 * DAY + 5,
    assigned: true,
    conversations: [
      {
        channel: 'portal',
        lines: [
          ['customer', 0, 'My card statement shows the subscription charged twice on the same day. Please refund one of them.'],
          ['agent', 20, 'I see both charges. I have refunded the second one and emailed you the receipt.'],
        ],
      },
      {
        channel: 'email',
        lines: [
          ['agent', 22, 'Hello Ada,\n\nAs promised, here is the confirmation: refund of $480.00 to the card ending 4242, reference RF-20931. Banks take 3 to 5 working days to show it.\n\nBest regards,\nSam Rivera\nAcme Support'],
          ['customer', 300, 'Hi Sam,\n\nThanks for the quick refund. Could you also check that December will only be charged once?\n\nAda'],
          ['agent', 330, 'Hello Ada,\n\nYes: the duplicate payment method is removed, so December will be charged once.\n\nBest regards,\nSam'],
        ],
      },
      {
        channel: 'chat',
        lines: [
          ['customer', 4400, 'Hi! The refund just showed up on my statement.'],
          ['agent', 4402, 'Great news, thanks for letting me know!'],
        ],
      },
    ],
  },
  {
    subject: 'How do I archive old projects?',
    description: '',
    status: 'resolved',
    priority: 'low',
    hoursAgo: 25 * DAY + 1,
    assigned: true,
    conversations: [
      {
        channel: 'portal',
        lines: [
          ['customer', 0, 'We have thirty finished projects cluttering the sidebar. Can they be archived instead of deleted?'],
          ['agent', 45, 'Yes: open the project, then ⋯ → Archive. Archived projects move to the bottom of the list and can be restored at any time.'],
        ],
      },
    ],
  },
  {
    subject: 'Data retention settings for GDPR',
    description: 'Our DPO asks how long raw events are kept and whether we can shorten it to 12 months.',
    status: 'closed',
    priority: 'medium',
    hoursAgo: 28 * DAY + 3,
    assigned: true,
    conversations: [
      {
        channel: 'portal',
        lines: [
          ['customer', 0, 'How long do you keep raw event data, and can we set a shorter retention period ourselves?'],
          ['agent', 120, 'Raw events are kept 25 months by default. An admin can shorten it under Settings → Data retention; our DPA is attached to your contract.'],
          ['customer', 240, 'Perfect, we set it to 12 months. Thanks.'],
        ],
      },
    ],
  },
  {
    subject: 'Change the billing email address',
    description: '',
    status: 'closed',
    priority: 'low',
    hoursAgo: 30 * DAY + 2,
    assigned: true,
    conversations: [
      {
        channel: 'portal',
        lines: [
          ['customer', 0, 'Please send invoices to accounts@analytical-engines.example from now on.'],
          ['agent', 30, 'Done: invoices will go to accounts@analytical-engines.example from the next billing run.'],
        ],
      },
    ],
  },
  {
    subject: 'Cannot sign in on the iPad app after the update',
    description: '',
    status: 'closed',
    priority: 'high',
    hoursAgo: 35 * DAY + 4,
    assigned: true,
    conversations: [
      {
        channel: 'portal',
        lines: [
          ['customer', 0, 'Since updating the iPad app to 5.2 it shows a blank screen after I enter my password.'],
          ['agent', 25, 'Thanks for the report. Version 5.2.1 with a fix is in review at Apple; it should reach you tomorrow.'],
          ['customer', 1500, 'Updated to 5.2.1 this morning and it works again.'],
        ],
      },
    ],
  },
  {
    subject: 'Invoice for October shows the wrong VAT number',
    description: 'Our VAT number is GB 123 4567 89; the invoice shows an old one.',
    status: 'resolved',
    priority: 'medium',
    hoursAgo: 38 * DAY + 6,
    assigned: true,
    conversations: [
      {
        channel: 'portal',
        lines: [
          ['customer', 0, 'The October invoice has our old VAT number on it, so our accountant cannot book it. Could you reissue it?'],
          ['agent', 60, 'I have corrected the VAT number on your account and reissued the October invoice; you will find it under Billing → Invoices.'],
        ],
      },
    ],
  },
  {
    subject: 'Feature request: dark mode for the dashboard',
    description: '',
    status: 'closed',
    priority: 'low',
    hoursAgo: 42 * DAY + 2,
    assigned: false,
    conversations: [
      {
        channel: 'portal',
        lines: [
          ['customer', 0, 'Several of us work late and would love a dark theme for the dashboard.'],
          ['agent', 300, 'Thank you for the idea! I have added your vote to the dark mode request; we will announce it in the changelog when it ships.'],
        ],
      },
    ],
  },
];
