<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ page import="io.github.authkitservlet.AuthKitOrganization" %>
<%@ taglib prefix="h" uri="/WEB-INF/html.tld" %>
<%-- "/organizations": the organizations of the signed-in user (AuthKitPrincipal.getOrganizations(), WorkOS's
     memberships, kept a minute), each with a form that posts to the organization servlet
     (/switch-organization). After the switch the role and permissions are the new organization's. --%>
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Organizations - AuthKit example</title>
  <link rel="stylesheet" href="${pageContext.request.contextPath}/style.css">
</head>
<body>
<%@ include file="/WEB-INF/jsp/header.jspf" %>
<main>
  <h1>Organizations</h1>
  <p>You are in <code id="current-organization">${h:text(authkitUser.organizationId)}</code> with the role
    <code id="role">${h:text(authkitUser.role)}</code>.</p>
  <ul id="organizations">
  <% for (AuthKitOrganization organization : signedInUser.getOrganizations()) {
       pageContext.setAttribute("organization", organization); %>
    <li class="organization">
      <span class="name">${h:text(organization.name)}</span> (your role: <code>${h:text(organization.role)}</code>)
      <% if (organization.isCurrent()) { %>
      <strong class="current">current</strong>
      <% } else { %>
      <form method="post" action="${pageContext.request.contextPath}/switch-organization">
        <input type="hidden" name="organization_id" value="${h:text(organization.id)}">
        <input type="hidden" name="returnTo" value="/organizations">
        <button type="submit" class="switch">Switch to ${h:text(organization.name)}</button>
      </form>
      <% } %>
    </li>
  <% } %>
  </ul>
</main>
</body>
</html>
