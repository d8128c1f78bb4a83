/** /agent/customers: the agent's customers, read from the server as they type (online only), with invitations. */
import '../styles/customers.css';
import { useData } from '../data';
import { useBranding } from './branding-context';
import { CustomersScreen } from './customers-screen';
import { createPageTitle } from './page-title';

/** The route: the device's connection and the portal's mail setting, passed to the screen. */
export default function CustomersPage() {
  const data = useData();
  const branding = useBranding();
  createPageTitle(() => 'Customers');
  return <CustomersScreen online={data.sync().connection !== 'offline'} mailOutbound={branding().mailOutbound} />;
}
