/** The RCP application: workbench advisors, menus, the Lab perspective. Not API. */
package org.optlab.app.internal;
