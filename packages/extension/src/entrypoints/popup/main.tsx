import { render } from 'preact';
import { loadSession } from '../../lib/session';
import { Popup } from '../../pages/popup';
import '../../ui/card.css';
import '../../ui/page.css';

const app = document.getElementById('app');
if (app !== null) {
  void loadSession().then((session) => {
    document.documentElement.lang = session.locale;
    render(<Popup session={session} />, app);
  });
}
