/** Grace Hopper's three demo tickets. */
import type { DemoTicket } from './demo-script';

/** Grace's script. */
export const GRACE_TICKETS: readonly DemoTicket[] = [
  {
    subject: 'Payroll export is missing the overtime column',
    description: 'Since the last release the payroll CSV has no "Overtime hours" column. Our accountant needs it by Friday.',
    status: 'open',
    priority: 'high',
    hoursAgo: 50,
    assigned: true,
    conversations: [
      {
        channel: 'portal',
        lines: [
          ['customer', 0, 'The payroll export we download every month no longer includes overtime hours. The column is just gone.'],
          ['agent', 95, 'Thanks Grace, I can see the column missing in your export too. I have passed it to the team that owns exports and will update you here.'],
        ],
      },
    ],
  },
  {
    subject: 'Update the company address on our invoices',
    description: '',
    status: 'resolved',
    priority: 'low',
    hoursAgo: 15 * 24 + 3,
    assigned: true,
    conversations: [
      {
        channel: 'portal',
        lines: [
          ['customer', 0, 'We moved offices. Please print 12 Harbour Street, Arlington, VA 22201 on future invoices.'],
          ['agent', 40, 'Done: the new address is on your account and will appear on the next invoice. Anything else?'],
          ['customer', 70, 'That is all, thank you!'],
        ],
      },
    ],
  },
  {
    subject: 'Is there a discount for switching to the annual plan?',
    description: 'We have 25 seats on the monthly plan.',
    status: 'pending',
    priority: 'medium',
    hoursAgo: 7 * 24 + 5,
    assigned: true,
    conversations: [
      {
        channel: 'portal',
        lines: [
          ['customer', 0, 'We are thinking of moving our 25 seats to yearly billing. Is there a discount, and can we switch mid-cycle?'],
          ['agent', 120, 'Yes: the annual plan is two months free, and we credit the unused part of this month. Shall I send you a quote for 25 seats?'],
        ],
      },
    ],
  },
];
