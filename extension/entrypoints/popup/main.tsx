import { render } from "preact";
import { PopupApp } from "../../popup/popup-app";
import "../../popup/popup.css";

render(<PopupApp />, document.getElementById("app")!);
