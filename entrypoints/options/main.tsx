import { render } from 'preact';
import { OptionsApp } from '../../components/OptionsApp';
import { uiLanguage } from '../../lib/i18n';
import '../../components/ui.css';
import './options.css';

document.documentElement.lang = uiLanguage();
render(<OptionsApp />, document.getElementById('app')!);
