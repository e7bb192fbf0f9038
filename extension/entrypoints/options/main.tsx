import { render } from "preact";
import { OptionsApp } from "../../options/options-app";
import "../../options/options.css";

render(<OptionsApp />, document.getElementById("app")!);
