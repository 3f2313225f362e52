// "My applications" as the core answers it, in each state the screens show, for the
// accessibility checks of the confirmation page and My applications (mocked IPC). The
// texts are the core's (crates/app/tests/it/applications.rs asserts the same words).

const base = {
  municipality: 'Musterstadt (Demo)',
  applicationDate: '2026-12-06',
};

/** One application of each status; `receivedMs` set once it was received. */
export const applications = {
  waiting: {
    ...base,
    applicationId: '0b5f0c39-1f7a-4c55-9f7e-1d4e6b2a0001',
    procedureId: 'bulky-waste-pickup',
    title: 'Book a bulky waste pickup',
    status: { status: 'waiting', lastError: 'network' },
    statusText: 'Waiting to be sent: the municipality cannot be reached right now',
    caseId: null,
    receivedMs: null,
  },
  submitted: {
    ...base,
    applicationId: '0b5f0c39-1f7a-4c55-9f7e-1d4e6b2a0002',
    procedureId: 'dog-tax-registration',
    title: 'Register a dog for dog tax',
    status: { status: 'submitted', caseId: '5d1c2a0e-7a51-4a43-9d4c-2a0b8e8f0042' },
    statusText: 'Sent',
    caseId: '5d1c2a0e-7a51-4a43-9d4c-2a0b8e8f0042',
    receivedMs: Date.UTC(2026, 11, 6, 17, 40),
  },
  accepted: {
    ...base,
    applicationId: '0b5f0c39-1f7a-4c55-9f7e-1d4e6b2a0003',
    procedureId: 'resident-parking-permit',
    title: 'Apply for a resident parking permit',
    status: { status: 'accepted', caseId: '5d1c2a0e-7a51-4a43-9d4c-2a0b8e8f0043' },
    statusText: 'Accepted',
    caseId: '5d1c2a0e-7a51-4a43-9d4c-2a0b8e8f0043',
    receivedMs: Date.UTC(2026, 11, 1, 9, 5),
  },
  rejected: {
    ...base,
    applicationId: '0b5f0c39-1f7a-4c55-9f7e-1d4e6b2a0004',
    procedureId: 'business-registration',
    title: 'Register a business',
    status: {
      status: 'rejected',
      caseId: '5d1c2a0e-7a51-4a43-9d4c-2a0b8e8f0044',
      reason: 'The proof of identity is missing.',
    },
    statusText: 'Rejected',
    caseId: '5d1c2a0e-7a51-4a43-9d4c-2a0b8e8f0044',
    receivedMs: Date.UTC(2026, 10, 28, 14, 0),
  },
  damaged: {
    ...base,
    applicationId: '0b5f0c39-1f7a-4c55-9f7e-1d4e6b2a0005',
    procedureId: 'dog-tax-deregistration',
    title: 'Deregister a dog',
    status: { status: 'damaged', reason: 'its record failed its check' },
    statusText: 'Cannot be read: its record failed its check',
    caseId: null,
    receivedMs: null,
    applicationDate: '',
  },
};

/** The view of `items` with the indicator's state. */
export function applicationsView(items, connection) {
  const waiting = items.filter((i) => i.status.status === 'waiting' || i.status.status === 'sending').length;
  return {
    applications: items,
    waiting,
    connection,
    waitingText:
      waiting === 0
        ? 'No application is waiting to be sent.'
        : waiting === 1
          ? 'One application is waiting to be sent.'
          : `${waiting} applications are waiting to be sent.`,
  };
}

/** What "Submit" answers: the application, waiting. */
export function submitted(item) {
  return { applicationId: item.applicationId, status: { status: 'waiting', lastError: null } };
}
