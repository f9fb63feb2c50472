package org.optlab.app.internal;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.GroupMarker;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.ui.IWorkbenchActionConstants;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.actions.ActionFactory;
import org.eclipse.ui.actions.ActionFactory.IWorkbenchAction;
import org.eclipse.ui.actions.ContributionItemFactory;
import org.eclipse.ui.application.ActionBarAdvisor;
import org.eclipse.ui.application.IActionBarConfigurer;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.statushandlers.StatusManager;
import org.optlab.ui.views.GuidesView;

/**
 * File, Edit, Window and Help menus. Edit has Undo and Redo (Ctrl+Z, Ctrl+Shift+Z), labelled and enabled by the
 * active editor's or view's handlers (the experiment forms' histories). Window has Show View (OptLab's views), Reset Perspective and Preferences (opening on
 * OptLab's page); Help has the guides, the key list (Key Assist) and About, and keeps the standard "additions" group
 * so p2's Install New Software and later contributions land there.
 */
final class LabActionBarAdvisor extends ActionBarAdvisor {

    /** The preference page Preferences opens on. */
    static final String PREFERENCE_PAGE = "org.optlab.ui.preferences.lab";

    private IWorkbenchWindow window;
    private IWorkbenchAction exit;
    private IWorkbenchAction undo;
    private IWorkbenchAction redo;
    private IAction preferences;
    private IWorkbenchAction about;
    private IWorkbenchAction resetPerspective;
    private IAction keyAssist;
    private IAction guides;

    LabActionBarAdvisor(IActionBarConfigurer configurer) {
        super(configurer);
    }

    @Override
    protected void makeActions(IWorkbenchWindow window) {
        this.window = window;
        exit = create(ActionFactory.QUIT, window);
        undo = create(ActionFactory.UNDO, window);
        redo = create(ActionFactory.REDO, window);
        about = create(ActionFactory.ABOUT, window);
        resetPerspective = create(ActionFactory.RESET_PERSPECTIVE, window);
        keyAssist = command(Messages.LabActionBarAdvisor_keyAssist, "org.eclipse.ui.window.showKeyAssist", window);
        preferences = new Action(Messages.LabActionBarAdvisor_preferences) {
            @Override
            public void run() {
                PreferencesUtil.createPreferenceDialogOn(window.getShell(), PREFERENCE_PAGE, null, null).open();
            }
        };
        preferences.setId(ActionFactory.PREFERENCES.getId());
        preferences.setActionDefinitionId(ActionFactory.PREFERENCES.getCommandId());
        register(preferences);
        guides = new Action(Messages.LabActionBarAdvisor_guides) { // the guided experiments are the lab's help contents
            @Override
            public void run() {
                try {
                    window.getActivePage().showView(GuidesView.ID);
                } catch (PartInitException e) {
                    StatusManager.getManager().handle(e.getStatus(), StatusManager.LOG | StatusManager.SHOW);
                }
            }
        };
        guides.setId("org.optlab.app.help.guides");
    }

    /** An action that runs a workbench command (with its key binding shown in the menu). */
    private IAction command(String text, String commandId, IWorkbenchWindow window) {
        IAction action = new Action(text) {
            @Override
            public void run() {
                try {
                    window.getService(IHandlerService.class).executeCommand(commandId, null);
                } catch (org.eclipse.core.commands.common.CommandException e) {
                    StatusManager.getManager().handle(new Status(IStatus.ERROR, "org.optlab.app", text.replace("&",
                            "") + ": " + e.getMessage(), e), StatusManager.LOG | StatusManager.SHOW);
                }
            }
        };
        action.setId(commandId);
        action.setActionDefinitionId(commandId);
        register(action);
        return action;
    }

    private IWorkbenchAction create(ActionFactory factory, IWorkbenchWindow window) {
        IWorkbenchAction action = factory.create(window);
        register(action);
        return action;
    }

    @Override
    protected void fillMenuBar(IMenuManager menuBar) {
        MenuManager file = new MenuManager(Messages.LabActionBarAdvisor_file, IWorkbenchActionConstants.M_FILE);
        file.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));
        file.add(new Separator());
        file.add(exit);

        MenuManager edit = new MenuManager(Messages.LabActionBarAdvisor_edit, IWorkbenchActionConstants.M_EDIT);
        edit.add(undo);
        edit.add(redo);
        edit.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));

        MenuManager windowMenu = new MenuManager(Messages.LabActionBarAdvisor_window, IWorkbenchActionConstants.M_WINDOW);
        MenuManager showView = new MenuManager(Messages.LabActionBarAdvisor_showView, "showView");
        showView.add(ContributionItemFactory.VIEWS_SHORTLIST.create(window));
        windowMenu.add(showView);
        windowMenu.add(resetPerspective);
        windowMenu.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));
        windowMenu.add(new Separator());
        windowMenu.add(preferences);

        MenuManager help = new MenuManager(Messages.LabActionBarAdvisor_help, IWorkbenchActionConstants.M_HELP);
        help.add(guides);
        help.add(keyAssist);
        help.add(new Separator());
        help.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));
        help.add(new Separator());
        help.add(about);

        menuBar.add(file);
        menuBar.add(edit);
        menuBar.add(windowMenu);
        menuBar.add(help);
    }
}
