/**
 * /tickets/new: the new request form; the half-typed request and its chosen files are a draft that survives
 * reloads, until Cancel.
 */
import { useNavigate } from '@solidjs/router';
import { NewTicketForm, type NewTicketValues } from '../components/new-ticket-form';
import { useData } from '../data';
import { createPageTitle } from './page-title';

/** The New Support Request container: creates the ticket locally and opens it at once. */
export default function NewTicketPage() {
  const data = useData();
  const navigate = useNavigate();
  createPageTitle(() => 'New Support Request');
  const drafts = {
    subject: data.draft('new-request:subject'),
    description: data.draft('new-request:description'),
    message: data.draft('new-request:message'),
  };
  const files = data.draftFiles('new-request:files');
  const values = (): NewTicketValues => ({
    subject: drafts.subject.value(),
    description: drafts.description.value(),
    message: drafts.message.value(),
  });

  return (
    <NewTicketForm
      values={values()}
      onChange={(field, value) => drafts[field].set(value)}
      onCancel={() => {
        // Cancel discards the request; leaving any other way (Back, the app bar) keeps it for later.
        Object.values(drafts).forEach((d) => d.clear());
        files.set([]);
        navigate('/tickets');
      }}
      backHref="/tickets"
      attachmentLimits={data.attachmentLimits()}
      keptFiles={files}
      onSubmit={async (input, sent) => {
        try {
          const id = await data.createTicket({ ...input, files: sent });
          Object.values(drafts).forEach((d) => d.clear());
          files.set(files.files().filter((file) => !sent.includes(file)));
          navigate(`/tickets/${encodeURIComponent(id)}`, { replace: true });
          return null;
        } catch (error) {
          return error instanceof Error ? error.message : 'The request could not be saved.';
        }
      }}
    />
  );
}
