/** The language id of annual reports, and the Problems panel the client reveals. */
export const LANGUAGE = 'nianbao';

/** Reveals the Problems panel; `workbench.actions.view.problems` toggles it, hiding it when it has the focus. */
export const SHOW_PROBLEMS = 'workbench.panel.markers.view.focus';
