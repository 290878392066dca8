import { render } from 'preact';
import { PopupApp } from '../../components/PopupApp';
import { uiLanguage } from '../../lib/i18n';
import '../../components/ui.css';
import './popup.css';

document.documentElement.lang = uiLanguage();
render(<PopupApp />, document.getElementById('app')!);
